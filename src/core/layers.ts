import type { RequestContext } from './context'
import type { Provider } from './di'
import type { Guard, SecurityRequirement } from './guard'
import type { Middleware } from './middleware'

/** Turns an error into a response; registered by status or by error class. */
export type ExceptionHandler = (error: unknown, ctx: RequestContext) => Response | Promise<Response>
/** An error class an exception handler can be registered for. */
export type ErrorClass = abstract new (...args: never[]) => Error
/** `[status or error class, handler]`. */
export type ExceptionHandlerEntry = readonly [number | ErrorClass, ExceptionHandler]

/** Response caching on a layer: successful GET responses kept in the response-cache store. */
export interface CacheConfig {
  /** Seconds an entry lives; required on GET routes (at least the store's minimum, 60 s on KV). */
  readonly ttl?: number
  /** Builds the cache key; defaults to method + path + sorted query. */
  readonly key?: (ctx: RequestContext) => string | Promise<string>
  /** What else the key varies by: request header names, or 'user' for per-caller entries. */
  readonly varyBy?: readonly string[]
  /** Tags to purge this entry by; may use path params as `{id}`. */
  readonly tags?: readonly string[]
  /** On a write route: tags whose entries a successful response makes stale; may use `{id}`. */
  readonly purge?: readonly string[]
  /** Seconds downstream caches may reuse the response without asking (default 0: revalidate by ETag). */
  readonly maxAge?: number
}

/** One rate-limit policy: at most `limit` requests per `window` seconds per key. */
export interface RateLimitPolicy {
  readonly limit: number
  /** Window in seconds. */
  readonly window: number
  /**
   * What a request is counted by. A function reads the validated inputs (`ctx.body`, `ctx.params`): it runs
   * once they are parsed, unless `keyedOn: 'client'` says it needs only the connection.
   */
  readonly key: 'ip' | 'user' | 'apiKey' | ((ctx: RequestContext) => string | Promise<string>)
  /** Where the policy counts: 'client' (before guards, the default for ip/user/apiKey) or 'inputs' (the default for a function key). */
  readonly keyedOn?: 'client' | 'inputs'
  /** Names the policy in headers and in the document. */
  readonly name?: string
  /** When the limiter cannot be reached: let the request through ('open') or answer 503 ('closed'). */
  readonly onUnavailable?: 'open' | 'closed'
}

/** What any layer (app, router, handler) can configure; children inherit it by the rules in `mergeLayers`. */
export interface LayerConfig {
  readonly path?: string
  readonly guards?: readonly Guard[]
  readonly middleware?: readonly Middleware[]
  readonly dependencies?: readonly Provider[]
  readonly exceptionHandlers?: readonly ExceptionHandlerEntry[]
  readonly responseHeaders?: Readonly<Record<string, string>>
  readonly tags?: readonly string[]
  /** `[]` makes a route public in the document even under guarded layers. */
  readonly security?: readonly SecurityRequirement[]
  readonly cache?: CacheConfig | false
  /** Largest request body in bytes (default 1 MB). */
  readonly bodyLimit?: number
  readonly includeInSchema?: boolean
  readonly rateLimit?: readonly RateLimitPolicy[]
  /** Free-form options for guards and extensions; merged by key, inner wins. */
  readonly opt?: Readonly<Record<string, unknown>>
}

type Rule<K extends keyof LayerConfig> = (outer: LayerConfig[K], inner: LayerConfig[K]) => LayerConfig[K]

// A path already in normal form (`/a/b`: one slash before each segment, none at the end) needs no rebuilding.
const NORMAL = /^(?:\/[^/]+)+$/
const joinPath = (a = '', b = '') => {
  const head = a === '/' ? '' : a
  const joined = b.charCodeAt(0) === 47 ? head + b : `${head}/${b}`
  return NORMAL.test(joined) ? joined : `/${joined.split('/').filter(Boolean).join('/')}`
}
// One empty list for every layer that sets nothing: a fresh one per option per layer per route added up.
export const NONE: readonly never[] = []
const concat = <T>(a: readonly T[] = NONE, b: readonly T[] = NONE): readonly T[] => (b.length ? [...a, ...b] : a)
const nearest = <T>(a: T, b: T): T => (b === undefined ? a : b)
// Where the inner layer adds nothing and the outer list has no repeats, the outer list is kept as it is: merging
// copied every list of every layer for every route.
const distinct = <T>(items: readonly T[], keyOf: (item: T) => unknown) => {
  for (let i = 1; i < items.length; i++)
    for (let j = 0; j < i; j++) if (keyOf(items[i]!) === keyOf(items[j]!)) return false
  return true
}
const same = <T>(item: T) => item
const union = <T>(a: readonly T[] = NONE, b: readonly T[] = NONE): readonly T[] =>
  !b.length && distinct(a, same) ? a : [...new Set([...a, ...b])]
const byKey =
  <T>(keyOf: (item: T) => unknown) =>
  (a: readonly T[] = NONE, b: readonly T[] = NONE): readonly T[] => {
    if (!b.length && distinct(a, keyOf)) return a
    const map = new Map<unknown, T>()
    for (const item of [...a, ...b]) map.set(keyOf(item), item)
    return [...map.values()]
  }

/** The merge rules, one line per option: the whole of how layers combine. */
const rules: { [K in keyof Required<LayerConfig>]: Rule<K> } = {
  path: joinPath,
  guards: concat,
  middleware: concat,
  rateLimit: concat,
  dependencies: byKey((p: Provider) => p.key.name),
  exceptionHandlers: byKey((e: ExceptionHandlerEntry) => e[0]),
  responseHeaders: (a, b) => (b ? { ...a, ...b } : a),
  opt: (a, b) => (b ? { ...a, ...b } : a),
  tags: union,
  security: nearest,
  cache: nearest,
  bodyLimit: nearest,
  includeInSchema: nearest,
}

const ruleOf = (key: string): Rule<keyof LayerConfig> | undefined =>
  Object.hasOwn(rules, key) ? (rules[key as keyof LayerConfig] as Rule<keyof LayerConfig>) : undefined

/**
 * Merges an inner layer's configuration under an outer one's.
 * @example mergeLayers({ path: '/api', tags: ['a'] }, { path: '/users', tags: ['b'] }) // { path: '/api/users', tags: ['a', 'b'] }
 */
export function mergeLayers(outer: LayerConfig, inner: LayerConfig): LayerConfig {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(rules) as (keyof LayerConfig)[]) {
    const merged = (rules[key] as Rule<typeof key>)(outer[key], inner[key])
    if (merged !== undefined) out[key] = merged
  }
  return out as LayerConfig
}

/**
 * `mergeLayers` for an outer layer that is itself a merge result: every rule keeps such a layer's value as it is
 * when the inner layer sets nothing, so only the options the inner layer names are merged (a handler's spec
 * names a few of thirteen; a router often only its path). `path` overrides the inner layer's own.
 */
export function mergeUnder(outer: LayerConfig, inner: object, path?: string): LayerConfig {
  const out: Record<string, unknown> = { ...outer }
  for (const key in inner) {
    const rule = key === 'path' ? undefined : ruleOf(key)
    if (!rule) continue
    const merged = rule(outer[key as keyof LayerConfig], (inner as Record<string, never>)[key])
    if (merged === undefined) delete out[key]
    else out[key] = merged
  }
  const own = path ?? (inner as LayerConfig).path
  if (own !== undefined) out.path = joinPath(outer.path, own)
  return out as LayerConfig
}
