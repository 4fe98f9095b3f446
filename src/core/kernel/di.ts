import type { Cleanup } from './cleanup'
import type { RequestContext } from './context'
import { injection, missingDependency } from './injection'
import { injector } from './injector'
import { checkParamReaders } from './param-readers'
import type { ParamsSchema, WithParamsOf } from './params'
import { paramsCheck } from './params-check'

/**
 * A typed key naming a dependency; a layer provides it, a handler injects it.
 * @example export const Widgets = dependency<WidgetRepo>('widgets')
 */
export interface DependencyKey<T> {
  readonly name: string
  /** Carries T for inference only; never set. */
  readonly _type?: T
}

/** A record of dependency keys, as written in `inject`. */
export type Injections = Readonly<Record<string, DependencyKey<unknown>>>

/** The values a record of keys resolves to. */
export type Resolved<I> = { [K in keyof I]: I[K] extends DependencyKey<infer T> ? T : never }

/** Makes a dependency key. @example const Db = dependency<D1Database>('db') */
export const dependency = <T>(name: string): DependencyKey<T> => ({ name })

/** What a provider's factory returns: the value, or the value with its disposer (`withCleanup`). */
export type Made<T> = T | Cleanup<T> | Promise<T | Cleanup<T>>

/** How a layer makes a dependency: a factory called at most once per request, with its own injections. */
export interface Provider<T = unknown> {
  readonly key: DependencyKey<T>
  readonly inject: Injections
  /** The path parameters the factory reads (typed); every route the provider serves must validate them. */
  readonly params?: ParamsSchema
  readonly factory: (ctx: RequestContext & { readonly deps: Record<string, unknown> }) => Made<T>
}

/**
 * Provides a dependency on a layer; the factory may inject other dependencies.
 * @example provide(Widgets, ({ env }) => new WidgetRepo(env.DB))
 * @example provide(CurrentUser, { inject: { users: Users } }, ({ request, deps: { users } }) => users.fromToken(request))
 * @example provide(Conn, ({ env }) => withCleanup(openConn(env), (conn) => conn.close())) // closed after the response
 */
export function provide<T, Env = Cloudflare.Env>(
  key: DependencyKey<T>,
  factory: (ctx: RequestContext<Env>) => Made<T>,
): Provider<T>
export function provide<
  T,
  const I extends Injections = Record<never, never>,
  P extends ParamsSchema | undefined = undefined,
  Env = Cloudflare.Env,
>(
  key: DependencyKey<T>,
  options: { inject?: I; params?: P },
  factory: (ctx: WithParamsOf<RequestContext<Env>, P> & { readonly deps: Resolved<I> }) => Made<T>,
): Provider<T>
export function provide<T>(
  key: DependencyKey<T>,
  a: ((ctx: RequestContext) => Made<T>) | { inject?: Injections; params?: ParamsSchema },
  b?: (ctx: RequestContext & { readonly deps: Record<string, unknown> }) => Made<T>,
): Provider<T> {
  // A provider is what makes resolving possible: it brings the code that resolves, and what checks at build that
  // every route's providers are there.
  injection.injector = injector
  injection.check = checkProviders
  if (typeof a === 'function') return { key, inject: {}, factory: a as Provider<T>['factory'] }
  if (!b) throw new TypeError(`provide(${key.name}): a factory is required`)
  // A provider reading params brings the build check that its routes validate them.
  if (a.params) paramsCheck.readers = checkParamReaders
  return {
    key,
    inject: a.inject ?? {},
    ...(a.params ? { params: a.params } : {}),
    factory: b as Provider<T>['factory'],
  }
}

/** Resolves a record of keys through a request context, all at once, into an object of their own. */
export async function resolveAll(ctx: RequestContext, inject: Injections): Promise<Record<string, unknown>> {
  const names = Object.keys(inject)
  const values = await Promise.all(names.map((n) => ctx.resolve(inject[n]!)))
  // A null prototype keeps any injection name (`__proto__`, `constructor`) a plain field.
  const out: Record<string, unknown> = Object.create(null)
  for (let i = 0; i < names.length; i++) out[names[i]!] = values[i]
  return out
}

/**
 * Checks at app construction that every key a route needs has a provider, and that providers do not
 * depend on themselves; throws naming the route and the key.
 */
export function checkProviders(
  route: string,
  needed: Iterable<DependencyKey<unknown>>,
  providers: Map<string, Provider>,
) {
  const visit = (key: DependencyKey<unknown>, via: string[]) => {
    const provider = providers.get(key.name)
    if (!provider) {
      return missingDependency(
        route,
        key.name,
        via.length ? ` (needed by ${via.map((v) => `"${v}"`).join(' <- ')})` : '',
      )
    }
    if (via.includes(key.name)) throw new Error(`Route ${route}: dependency cycle ${[...via, key.name].join(' -> ')}`)
    for (const dep of Object.values(provider.inject)) visit(dep, [...via, key.name])
  }
  for (const key of needed) visit(key, [])
}
