import type { RequestContext } from './context'
import type { HeaderDocs } from './document-headers'

/** Calls the rest of the chain; always resolves to a response (errors are already turned into problems). */
export type Next = () => Promise<Response>

/** Options every middleware may carry. */
export interface MiddlewareMeta {
  readonly name?: string
  /** Route paths (exact pattern or RegExp) this middleware skips; resolved when the app is built. */
  readonly exclude?: readonly (string | RegExp)[]
  /** Statuses the middleware can answer with, documented on the routes it wraps. */
  readonly errors?: readonly number[]
  /** Headers the middleware puts on every response of a route it wraps, for the document (none: undefined). */
  readonly responseHeaders?: (route: { readonly method: string; readonly path: string }) => HeaderDocs | undefined
}

/** Wraps the routes of the layer it is declared on (app-level middleware also wraps 404/405 answers). */
export type Middleware = ((ctx: RequestContext, next: Next) => Response | Promise<Response>) & {
  readonly meta?: MiddlewareMeta
}

/**
 * Names a middleware function and gives it options such as `exclude`.
 * @example const timing = middleware({ name: 'timing', exclude: ['/health'] }, async (ctx, next) => next())
 */
export const middleware = (
  meta: MiddlewareMeta,
  fn: (ctx: RequestContext, next: Next) => Response | Promise<Response>,
): Middleware => Object.assign((ctx: RequestContext, next: Next) => fn(ctx, next), { meta })

/** Whether a middleware applies to a route path, from its `exclude` list. */
export const appliesTo = (mw: Middleware, path: string): boolean =>
  !mw.meta?.exclude?.some((x) => (typeof x === 'string' ? x === path : x.test(path)))
