import type { RequestContext, RouteInfo } from './context'
import type { Injections, Resolved } from './di'
import type { HeaderDocs, ParameterDoc } from './document-headers'
import { checkParamReaders } from './param-readers'
import type { ParamsSchema, WithParamsOf } from './params'
import { paramsCheck } from './params-check'
import { withDeps } from './request-context'

/** An OpenAPI security requirement: scheme name -> scopes. */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>

/** What a guard declares about itself: what it needs, what it demands, how it can fail. */
export interface GuardMeta {
  readonly name?: string
  /** Security requirements the guard enforces; they become the operation's `security`. */
  readonly security?: readonly SecurityRequirement[]
  /** OpenAPI security schemes the requirements name; the document's `components.securitySchemes` gathers them. */
  readonly securitySchemes?: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  /** Statuses the guard can answer with (401, 403, ...); documented on every guarded operation. */
  readonly errors?: readonly number[]
  /** Headers the guard (or what it resolves) may put on any response of a guarded operation, for the document. */
  readonly responseHeaders?: HeaderDocs
  /** Request parameters the guard (or what it resolves) reads on a route, for the document (a CSRF token header). */
  readonly parameters?: (route: { readonly method: string }) => readonly ParameterDoc[]
  /** Dependencies the guard reads; checked at app construction like a handler's. */
  readonly inject?: Injections
  /**
   * The path parameters the guard reads, typing its `ctx.params`; a route that does not validate them with these
   * very entry schemas refuses to build. `withParams(schema).guard` sets it.
   */
  readonly params?: ParamsSchema
  /**
   * Whom the guard lets through: only the subject of the resource (its owner; admins may be let through too) or
   * only holders of a role. A route may return personal fields only under such a guard (`createApp` checks).
   */
  readonly restricts?: 'subject' | 'role'
}

/** Throws to deny; returns to allow. Outer layers' guards run first, after the path parameters were validated. */
export type Guard = ((ctx: RequestContext, route: RouteInfo) => void | Promise<void>) & { readonly meta?: GuardMeta }

/**
 * Makes a guard that declares its dependencies, security and failure statuses.
 * @example
 * export const authenticated = guard({ inject: { user: CurrentUser }, security: [{ bearerAuth: [] }], errors: [401] },
 *   ({ deps: { user } }) => { if (!user) unauthorized('Login required') })
 */
export function guard<
  const I extends Injections = Record<never, never>,
  P extends ParamsSchema | undefined = undefined,
  Env = Cloudflare.Env,
>(
  meta: GuardMeta & { inject?: I; params?: P },
  check: (
    ctx: WithParamsOf<RequestContext<Env>, P> & { readonly deps: Resolved<I> },
    route: RouteInfo,
  ) => void | Promise<void>,
): Guard {
  const inject = meta.inject
  // A guard reading params brings the build check that its routes validate them.
  if (meta.params) paramsCheck.readers = checkParamReaders
  // The env type is the app's promise (`withEnv<Env>()`); at run time ctx.env is whatever the Worker was given, and
  // the params are what the route validated with the entries `checkParamReaders` compared at build.
  type Ctx = WithParamsOf<RequestContext<Env>, P> & { readonly deps: Resolved<I> }
  const run: Guard = inject
    ? async (ctx, route) => check((await withDeps(ctx, inject)) as unknown as Ctx, route)
    : (ctx, route) => check(ctx as unknown as Ctx, route)
  return Object.assign(run, { meta })
}
