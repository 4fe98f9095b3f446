import type { PluginOptions } from '..'
import type { RequestContext } from './context'
import type { Deprecation } from './deprecation-notice'
import type { Provider } from './di'
import type { Guard, SecurityRequirement } from './guard'
import type { Middleware } from './middleware'
import type { ParamsSchema } from './params'

/** Turns an error into a response; registered by status or by error class. */
export type ExceptionHandler = (error: unknown, ctx: RequestContext) => Response | Promise<Response>
/** An error class an exception handler can be registered for. */
export type ErrorClass = abstract new (...args: never[]) => Error
/** `[status or error class, handler]`. */
export type ExceptionHandlerEntry = readonly [number | ErrorClass, ExceptionHandler]

/** What any layer (app, router, handler) can configure; children inherit it by the rules in `mergeLayers`. */
export interface LayerConfig extends PluginOptions {
  readonly path?: string
  /**
   * Path parameters every route below validates, merged by key with inner layers' and the handler's own (inner
   * wins): a router declares its `:postId` once. `withParams(schema)` makes handlers, guards and providers that
   * see them typed. Owned by the `validation()` plugin, which validates them.
   */
  readonly params?: ParamsSchema
  readonly guards?: readonly Guard[]
  readonly middleware?: readonly Middleware[]
  readonly dependencies?: readonly Provider[]
  readonly exceptionHandlers?: readonly ExceptionHandlerEntry[]
  readonly responseHeaders?: Readonly<Record<string, string>>
  readonly tags?: readonly string[]
  /** `[]` makes a route public in the document even under guarded layers. */
  readonly security?: readonly SecurityRequirement[]
  /** Largest request body in bytes (default 1 MB). */
  readonly bodyLimit?: number
  readonly includeInSchema?: boolean
  /**
   * Marks the operations below deprecated: `true` in the document, `deprecation({ since, sunset, link })` also with
   * `Deprecation`/`Sunset`/`Link` headers on every response (nearest layer wins; `false` undoes an outer layer's).
   */
  readonly deprecated?: Deprecation
  /** Free-form options for guards; merged by key, inner wins. */
  readonly opt?: Readonly<Record<string, unknown>>
}

type Rule<T> = (outer: T, inner: T) => T
/** A merge rule as a function: the option's value from an outer layer's and an inner one's (either may be undefined). */
export type AnyRule = (outer: never, inner: never) => unknown
/**
 * How layers combine a plugin's option: lists `concat`enated outer first, the `nearest` defined value, a set
 * `union`, objects `merge`d by key, inner winning; or the plugin's own function of the outer and inner values.
 */
export type MergeRule = 'concat' | 'nearest' | 'union' | 'merge' | AnyRule
/** Merge rules by option name: the kernel's, then the app's plugins'. */
export type Rules = Readonly<Record<string, AnyRule>>

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

const shallow = <T extends object>(a: T | undefined, b: T | undefined) => (b ? { ...a, ...b } : a)

/** The kernel's options, whose rules are fixed. */
type KernelOptions = Exclude<keyof LayerConfig, keyof PluginOptions | 'params'>
/** The kernel's merge rules, one line per option: with the plugins' (`MERGE_RULES`), the whole of how layers combine. */
export const KERNEL_RULES: { readonly [K in KernelOptions]-?: Rule<LayerConfig[K]> } = {
  path: joinPath,
  guards: concat,
  middleware: concat,
  dependencies: byKey((p: Provider) => p.key.name),
  exceptionHandlers: byKey((e: ExceptionHandlerEntry) => e[0]),
  responseHeaders: shallow,
  opt: shallow,
  tags: union,
  security: nearest,
  bodyLimit: nearest,
  includeInSchema: nearest,
  deprecated: nearest,
}

/** What each plugin merge rule does. */
export const MERGE_RULES: { readonly [R in Extract<MergeRule, string>]: AnyRule } = {
  concat,
  nearest,
  union,
  merge: shallow,
}

const ruleOf = (rules: Rules, key: string): Rule<unknown> | undefined =>
  Object.hasOwn(rules, key) ? (rules[key] as unknown as Rule<unknown>) : undefined

/**
 * Merges an inner layer's configuration under an outer one's.
 * @example mergeLayers({ path: '/api', tags: ['a'] }, { path: '/users', tags: ['b'] }) // { path: '/api/users', tags: ['a', 'b'] }
 */
export function mergeLayers(outer: LayerConfig, inner: LayerConfig, rules: Rules = KERNEL_RULES): LayerConfig {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(rules)) {
    const merged = ruleOf(rules, key)!(outer[key as keyof LayerConfig], inner[key as keyof LayerConfig])
    if (merged !== undefined) out[key] = merged
  }
  return out as LayerConfig
}

/**
 * `mergeLayers` for an outer layer that is itself a merge result: every rule keeps such a layer's value as it is
 * when the inner layer sets nothing, so only the options the inner layer names are merged (a handler's spec
 * names a few of thirteen; a router often only its path). `path` overrides the inner layer's own.
 */
export function mergeUnder(outer: LayerConfig, inner: object, path?: string, rules: Rules = KERNEL_RULES): LayerConfig {
  const out: Record<string, unknown> = { ...outer }
  for (const key in inner) {
    const rule = key === 'path' ? undefined : ruleOf(rules, key)
    if (!rule) continue
    const merged = rule(outer[key as keyof LayerConfig], (inner as Record<string, never>)[key])
    if (merged === undefined) delete out[key]
    else out[key] = merged
  }
  const own = path ?? (inner as LayerConfig).path
  if (own !== undefined) out.path = joinPath(outer.path, own)
  return out as LayerConfig
}
