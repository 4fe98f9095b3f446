import type * as v from 'valibot'
import type { RequestContext, RouteInfo } from './context'
import { type DependencyKey, type Injections, type Made, type Provider, provide, type Resolved } from './di'
import { type Guard, type GuardMeta, guard } from './guard'
import type { Handler, HandlerContext, HandlerResult, HandlerSpec } from './handler'
import { del, get, patch, post, put } from './handler'
import { mergeParams, type ParamsSchema } from './params'
import { type Router, type RouterOptions, router } from './router'

/** A spec's params merged under `P` by key, the spec's own winning: what a handler made by `withParams(P)` validates. */
export type MergedParams<P extends ParamsSchema, S> = S extends { readonly params: infer Q extends ParamsSchema }
  ? v.ObjectSchema<Omit<P['entries'], keyof Q['entries']> & Q['entries'], undefined>
  : P
/** A spec whose params are merged under `P`. */
export type SpecWithParams<S, P extends ParamsSchema> = Omit<S, 'params'> & { readonly params: MergedParams<P, S> }

/** `get`, `post`, ... whose handlers validate and see the factory's params beside their own. */
export type DefineWithParams<P extends ParamsSchema, Env> = {
  <const S extends HandlerSpec>(
    path: string,
    spec: S,
    fn: (ctx: HandlerContext<SpecWithParams<S, P> & HandlerSpec, Env>) => HandlerResult<S> | Promise<HandlerResult<S>>,
  ): Handler<SpecWithParams<S, P> & HandlerSpec, Env>
  (
    path: string,
    fn: (ctx: HandlerContext<{ readonly params: P }, Env>) => unknown,
  ): Handler<{ readonly params: P }, Env>
}

type ParamsCtx<P extends ParamsSchema, Env> = Omit<RequestContext<Env>, 'params'> & {
  readonly params: v.InferOutput<P>
}

/** The kernel's factories bound to one set of path parameters: see `withParams`. */
export interface ParamsBound<P extends ParamsSchema, Env = Cloudflare.Env> {
  readonly params: P
  readonly get: DefineWithParams<P, Env>
  readonly post: DefineWithParams<P, Env>
  readonly put: DefineWithParams<P, Env>
  readonly patch: DefineWithParams<P, Env>
  readonly del: DefineWithParams<P, Env>
  readonly guard: <const I extends Injections = Record<never, never>>(
    meta: Omit<GuardMeta, 'params'> & { inject?: I },
    check: (ctx: ParamsCtx<P, Env> & { readonly deps: Resolved<I> }, route: RouteInfo) => void | Promise<void>,
  ) => Guard
  readonly provide: {
    <T>(key: DependencyKey<T>, factory: (ctx: ParamsCtx<P, Env>) => Made<T>): Provider<T>
    <T, const I extends Injections>(
      key: DependencyKey<T>,
      options: { inject: I },
      factory: (ctx: ParamsCtx<P, Env> & { readonly deps: Resolved<I> }) => Made<T>,
    ): Provider<T>
  }
  /** A router whose routes all validate these params (merged with each handler's own). */
  readonly router: (options: RouterOptions) => Router
}

type AnyDefine = (path: string, a: unknown, b?: unknown) => unknown
const bind =
  (define: AnyDefine, params: ParamsSchema) =>
  (path: string, a: unknown, b?: unknown): never => {
    const own = typeof a === 'function' ? undefined : (a as HandlerSpec)
    const spec = { ...own, params: mergeParams<v.GenericSchema | undefined>(params, own?.params) }
    return define(path, spec, typeof a === 'function' ? a : b) as never
  }

/**
 * Declares path parameters once for a router and what is below it: handlers made by these factories validate
 * them merged with their own params (so each handler still carries its whole spec), guards and providers see
 * `ctx.params` typed, and `router` makes every route under it validate them. A guard or provider bound here that
 * ends up on a route not validating these very entries refuses to build. Types never flow through the router tree.
 * @example
 * const onPost = withParams(v.object({ postId: Id }))
 * export const listComments = onPost.get('/', { response: CommentPage }, ({ params }) => list(params.postId))
 * export const comments = onPost.router({ path: '/posts/:postId/comments', handlers: [listComments] })
 */
export function withParams<P extends ParamsSchema, Env = Cloudflare.Env>(params: P): ParamsBound<P, Env> {
  const provideBound = (key: DependencyKey<unknown>, a: unknown, b?: unknown) =>
    typeof a === 'function'
      ? provide(key, { params }, a as never)
      : provide(key, { inject: (a as { inject: Injections }).inject, params }, b as never)
  return {
    params,
    get: bind(get as AnyDefine, params),
    post: bind(post as AnyDefine, params),
    put: bind(put as AnyDefine, params),
    patch: bind(patch as AnyDefine, params),
    del: bind(del as AnyDefine, params),
    guard: (meta, check) => guard({ ...meta, params }, check as never),
    provide: provideBound as ParamsBound<P, Env>['provide'],
    router: (options) => router({ ...options, params: mergeParams(params, options.params) }),
  }
}
