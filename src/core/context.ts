import type { DependencyKey } from './di'

/** What a guard or middleware knows about the route being served, fixed when the app is built. */
export interface RouteInfo {
  readonly method: string
  /** The full path pattern, e.g. `/users/:id`. */
  readonly path: string
  readonly operationId: string
  readonly tags: readonly string[]
  /** Free-form options merged from the layers (inner wins), e.g. roles a guard reads. */
  readonly opt: Readonly<Record<string, unknown>>
}

/** The per-request context every guard, middleware, provider and handler receives. */
export interface RequestContext {
  readonly request: Request
  readonly env: Cloudflare.Env
  readonly executionCtx: ExecutionContext
  /** The request path, decoded only where params are. */
  readonly path: string
  /** The parsed URL, built on first use. */
  readonly url: URL
  /** The matched route, or undefined while no route matched (404/405). */
  readonly route: RouteInfo | undefined
  /** Raw path parameters from the matcher. */
  readonly rawParams: Readonly<Record<string, string>>
  /** Headers added to whatever response this request gets. */
  readonly responseHeaders: Headers
  /** Request-scoped values shared between middleware, guards and handlers. */
  readonly state: Map<string, unknown>
  /** Resolves a dependency once per request through the route's providers. */
  resolve<T>(key: DependencyKey<T>): Promise<T>
  /** Runs work after the response, as ctx.waitUntil does. */
  waitUntil(promise: Promise<unknown>): void
}
