import { type D1Target, observeD1 } from './observe-d1'

/** What kind of storage a binding is, as `observeBindings` recognised it. */
export type BindingKind = 'd1' | 'kv' | 'r2' | 'queue' | 'durableObject'

/** One call to a storage binding: which, of what kind, the method, and for D1 where it may run and its SQL. */
export interface BindingCall {
  readonly binding: string
  readonly kind: BindingKind
  readonly method: string
  readonly d1?: D1Target
  readonly sql?: string
}

/** Runs a binding call: must call `run()` once and return what it returns. */
export type AroundCall = (call: BindingCall, run: () => unknown) => unknown

const has = (value: unknown, method: string): boolean =>
  typeof (value as Record<string, unknown> | null)?.[method] === 'function'

/** Recognises a binding by the methods only its kind has; others (vars, assets, services) are left alone. */
export function bindingKind(value: unknown): BindingKind | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  // A service binding answers any method name with an RPC stub: it has `fetch` and is none of these.
  if (has(value, 'fetch')) return undefined
  if (has(value, 'prepare') && has(value, 'batch')) return 'd1'
  if (has(value, 'idFromName')) return 'durableObject'
  if (has(value, 'createMultipartUpload')) return 'r2'
  if (has(value, 'getWithMetadata')) return 'kv'
  if (has(value, 'sendBatch')) return 'queue'
  return undefined
}

// Making ids is local; only `get`/`getByName` lead to the object, and each call on the stub is one round trip.
const LOCAL_STUB_MEMBERS = new Set<PropertyKey>(['id', 'name', 'then'])

/**
 * Every method call on the binding (KV, R2, queues) or Durable Object stub is one round trip; the members in `local`
 * are not. Called through `Reflect.apply`, which reads no member of the function: an RPC stub's members are remote.
 */
function observeCalls<T extends object>(
  real: T,
  name: string,
  kind: BindingKind,
  around: AroundCall,
  local?: ReadonlySet<PropertyKey>,
): T {
  return new Proxy(real, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown
      if (typeof value !== 'function' || typeof key === 'symbol' || local?.has(key)) return value
      return (...args: unknown[]) =>
        around({ binding: name, kind, method: key }, () => Reflect.apply(value, target, args) as unknown)
    },
  })
}

function observeNamespace(real: DurableObjectNamespace, name: string, around: AroundCall): DurableObjectNamespace {
  return new Proxy(real, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown
      if (typeof value !== 'function') return value
      const call = (...args: unknown[]) => Reflect.apply(value, target, args) as unknown
      if (key === 'get' || key === 'getByName')
        return (...args: unknown[]) =>
          observeCalls(call(...args) as object, name, 'durableObject', around, LOCAL_STUB_MEMBERS)
      if (key === 'jurisdiction') return (...args: unknown[]) => observeNamespace(call(...args) as never, name, around)
      return call
    },
  })
}

/**
 * An env whose storage bindings (D1, KV, R2, queues, Durable Object namespaces) run every call through `around`:
 * what counting and tracing build on. Other entries are passed through.
 */
export function observeBindings<Env extends object>(
  real: Env,
  around: AroundCall,
): { env: Env; kinds: Readonly<Record<string, BindingKind>> } {
  const kinds: Record<string, BindingKind> = {}
  const env: Record<string, unknown> = { ...(real as Record<string, unknown>) }
  for (const [name, value] of Object.entries(real)) {
    const kind = bindingKind(value)
    if (!kind) continue
    kinds[name] = kind
    if (kind === 'd1') env[name] = observeD1(value as D1Database, name, around)
    else if (kind === 'durableObject') env[name] = observeNamespace(value as DurableObjectNamespace, name, around)
    else env[name] = observeCalls(value as object, name, kind, around)
  }
  return { env: env as Env, kinds }
}
