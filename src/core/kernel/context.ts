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

/**
 * The per-request context every guard, middleware, provider and handler receives. Inputs are parsed once,
 * by the kernel: `params` is set (percent-decoded and validated) before any guard runs; `query`, `headers`,
 * `cookies` and `body` once the guards allowed the request. Until then they are undefined.
 */
export interface RequestContext<Env = Cloudflare.Env> {
  readonly request: Request
  /** The Worker's bindings, typed by the app (`withEnv<Env>()`), `Cloudflare.Env` by default. */
  readonly env: Env
  readonly executionCtx: ExecutionContext
  /** The request path as sent (still percent-encoded): for logs and problem instances, never for decisions. */
  readonly path: string
  /** The parsed URL, built on first use. */
  readonly url: URL
  /** The matched route, or undefined while no route matched (404/405). */
  readonly route: RouteInfo | undefined
  /** The validated path parameters (decoded strings where the route declares no schema). */
  readonly params: unknown
  /** The validated query, once inputs were read. */
  readonly query: unknown
  /** The validated headers, once inputs were read. */
  readonly headers: unknown
  /** The validated cookies, once inputs were read. */
  readonly cookies: unknown
  /** The validated body, once inputs were read. */
  readonly body: unknown
  /** Headers added to whatever response this request gets. */
  readonly responseHeaders: Headers
  /** Request-scoped values shared between middleware, guards and handlers. */
  readonly state: Map<string, unknown>
  /** Resolves a dependency once per request through the route's providers. */
  resolve<T>(key: DependencyKey<T>): Promise<T>
  /** Runs work after the response, as ctx.waitUntil does. */
  waitUntil(promise: Promise<unknown>): void
}
