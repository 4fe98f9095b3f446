import { countD1, type D1Target } from './count-d1'

/** What kind of storage a binding is, as `countBindings` recognised it. */
export type BindingKind = 'd1' | 'kv' | 'r2' | 'queue' | 'durableObject'

/**
 * Calls per binding since the last `reset()`: a Durable Object namespace, KV, R2 or a queue by its binding name
 * (`RATE_LIMITER`, `CACHE`), D1 as `<name>:primary` and `<name>:replica` (replica-eligible).
 */
export type RoundTrips = Record<string, number>

/** An env whose storage bindings count their calls, and the counts. */
export interface CountedBindings<Env> {
  /** The env to hand the app: the same bindings, counted. */
  readonly env: Env
  /** The storage bindings found, by name. */
  readonly kinds: Readonly<Record<string, BindingKind>>
  /** The calls since the last reset; a binding never called is absent. */
  counts(): RoundTrips
  /** Starts counting afresh (call it before each request measured). */
  reset(): void
}

const has = (value: unknown, method: string): boolean =>
  typeof (value as Record<string, unknown> | null)?.[method] === 'function'

/** Recognises a binding by the methods only its kind has; others (vars, assets, services) are left alone. */
function kindOf(value: unknown): BindingKind | undefined {
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

/** Every method call on the binding is one round trip (KV, R2, queues). */
function countCalls<T extends object>(real: T, count: () => void): T {
  return new Proxy(real, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        count()
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
}

// Making ids is local; only `get`/`getByName` lead to the object, and each call on the stub is one round trip.
const LOCAL_STUB_MEMBERS = new Set<PropertyKey>(['id', 'name', 'then'])

function countStub<T extends object>(stub: T, count: () => void): T {
  return new Proxy(stub, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown
      if (typeof key === 'symbol' || LOCAL_STUB_MEMBERS.has(key) || typeof value !== 'function') return value
      return (...args: unknown[]) => {
        count()
        return (target as Record<string, (...a: unknown[]) => unknown>)[key]!(...args)
      }
    },
  })
}

function countNamespace(real: DurableObjectNamespace, count: () => void): DurableObjectNamespace {
  return new Proxy(real, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown
      if (typeof value !== 'function') return value
      const call = (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args)
      if (key === 'get' || key === 'getByName') return (...args: unknown[]) => countStub(call(...args) as object, count)
      if (key === 'jurisdiction') return (...args: unknown[]) => countNamespace(call(...args) as never, count)
      return call
    },
  })
}

/**
 * Wraps an env so every call to D1 (split by primary and replica-eligible), KV, R2, queues and each Durable
 * Object namespace is counted: the round trips a request makes to storage that may live far away.
 * @example const counted = countBindings(env); const client = testClient(app, { env: counted.env }); counted.reset(); await client.fetch('/posts/1'); counted.counts() // { 'DB:replica': 1, CACHE: 2, RATE_LIMITER: 1 }
 */
export function countBindings<Env extends object>(real: Env): CountedBindings<Env> {
  let calls: Record<string, number> = {}
  const add = (key: string) => {
    calls[key] = (calls[key] ?? 0) + 1
  }
  const kinds: Record<string, BindingKind> = {}
  const env: Record<string, unknown> = { ...(real as Record<string, unknown>) }
  for (const [name, value] of Object.entries(real)) {
    const kind = kindOf(value)
    if (!kind) continue
    kinds[name] = kind
    const count = () => add(name)
    if (kind === 'd1')
      env[name] = countD1(value as D1Database, name, (binding, target: D1Target) => add(`${binding}:${target}`))
    else if (kind === 'durableObject') env[name] = countNamespace(value as DurableObjectNamespace, count)
    else env[name] = countCalls(value as object, count)
  }
  return {
    env: env as Env,
    kinds,
    counts: () => ({ ...calls }),
    reset: () => {
      calls = {}
    },
  }
}
