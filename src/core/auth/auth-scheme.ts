import type { RequestContext } from '../kernel/context'
import { type DependencyKey, dependency, type Injections, type Provider, provide, type Resolved } from '../kernel/di'
import type { HeaderDocs, ParameterDoc } from '../kernel/document-headers'
import { HttpError } from '../kernel/errors'
import { type Guard, guard, type SecurityRequirement } from '../kernel/guard'
import type { ParamsSchema, WithParamsOf } from '../kernel/params'
import type { Plugin } from '../kernel/plugin'

/** RFC 6750 §3.1 error codes; none when the request carried no credentials at all. */
export type AuthErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope'

/** An OpenAPI security scheme object, as `components.securitySchemes` lists it. */
export type SecuritySchemeDoc = Readonly<Record<string, unknown>>

/** What a guard made by `required()` demands beyond a principal. */
export interface RequireOptions<
  P,
  I extends Injections = Record<never, never>,
  Q extends ParamsSchema | undefined = undefined,
> {
  /** The guard's name in errors and logs. */
  readonly name?: string
  /** The principal must hold at least one of these scopes (roles); documented as the requirement's scopes. */
  readonly scopes?: readonly string[]
  /** Further checks (ownership, ...): throw to deny. */
  readonly check?: (
    principal: P,
    ctx: WithParamsOf<RequestContext, Q> & { readonly deps: Resolved<I> },
  ) => void | Promise<void>
  /** Dependencies `check` reads. */
  readonly inject?: I
  /** The path parameters `check` reads, typed; the routes it guards must validate them (see `GuardMeta.params`). */
  readonly params?: Q
  /** The 403's detail when the principal lacks the scopes. Default `Requires <scopes>`. */
  readonly denied?: string
  /** Statuses `check` can answer with, besides the 401/403 the guard documents itself. */
  readonly errors?: readonly number[]
  /** Whom the guard restricts to (its `check` or `scopes` enforce it): see `GuardMeta.restricts`. */
  readonly restricts?: 'subject' | 'role'
}

/**
 * One way of authenticating (or several, tried in order): the dependency holding the caller's principal (null
 * without credentials; invalid credentials make its provider throw 401), the providers a layer adds, and what
 * the OpenAPI document says about it. It is a plugin: `createApp({ plugins: [scheme] })` provides it app-wide.
 */
export interface AuthScheme<P> extends Plugin {
  readonly principal: DependencyKey<P | null>
  /**
   * The principal, never null: inject it under `required()` and the handler's type says so. Its provider answers
   * 401 itself when there is none, so it cannot be null even where a guard was forgotten.
   * @example get('/me', { inject: { me: bearer.authenticated } }, ({ deps: { me } }) => me.id)
   */
  readonly authenticated: DependencyKey<P>
  /** The providers of its principal: register the scheme as a plugin (app-wide) or spread these on a layer. */
  readonly dependencies: readonly Provider[]
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeDoc>>
  /** The security requirement alternatives this scheme satisfies with these scopes. */
  requirement(scopes: readonly string[]): SecurityRequirement[]
  /** The `WWW-Authenticate` challenge(s) to answer with. */
  wwwAuthenticate(error?: AuthErrorCode, detail?: string): string
  /** The scopes (roles) a principal holds, for `required({ scopes })`. */
  scopesOf(principal: P): readonly string[]
  /** Statuses besides 401 its provider can answer with (a cookie scheme's CSRF 403). */
  readonly errors?: readonly number[]
  /** Headers its provider may put on any response (a cookie scheme clearing a stale cookie), for the document. */
  readonly responseHeaders?: HeaderDocs
  /** Request parameters its provider reads on a route (a cookie scheme's CSRF header), for the document. */
  readonly parameters?: (route: { readonly method: string }) => readonly ParameterDoc[]
  /** A guard that lets through a principal of this scheme (with one of the scopes, passing `check`). */
  required<const I extends Injections = Record<never, never>, Q extends ParamsSchema | undefined = undefined>(
    options?: RequireOptions<P, I, Q>,
  ): Guard
}

/** What a scheme factory supplies; `required` is derived. */
export type SchemeParts<P> = Omit<AuthScheme<P>, 'required' | 'authenticated'>

const quote = (text: string) => `"${text.replace(/["\\\r\n]/g, '')}"`

/**
 * A `WWW-Authenticate` challenge: the scheme, its parameters, and the RFC 6750 error when there is one.
 * @example challengeHeader('Bearer', { realm: 'api' }, 'invalid_token', 'The token has expired')
 */
export function challengeHeader(
  scheme: string,
  params: Readonly<Record<string, string>>,
  error?: AuthErrorCode,
  detail?: string,
): string {
  const parts = Object.entries(params).map(([k, val]) => `${k}=${quote(val)}`)
  if (error) parts.push(`error=${quote(error)}`)
  if (error && detail) parts.push(`error_description=${quote(detail)}`)
  return parts.length ? `${scheme} ${parts.join(', ')}` : scheme
}

/**
 * The error a scheme answers with: 401 carrying its challenge, or 403 for `insufficient_scope` (RFC 6750 §3.1).
 * @example throw authError(bearer, 'The token has expired', 'invalid_token')
 */
export function authError(scheme: Pick<AuthScheme<unknown>, 'wwwAuthenticate'>, detail: string, error?: AuthErrorCode) {
  return new HttpError(error === 'insufficient_scope' ? 403 : 401, {
    detail,
    headers: { 'www-authenticate': scheme.wwwAuthenticate(error, detail) },
  })
}

/** Completes a scheme's parts with its `required()` guard factory. */
export function authScheme<P>(parts: SchemeParts<P>): AuthScheme<P> {
  const authenticated = dependency<P>(`${parts.principal.name}:authenticated`)
  const scheme: AuthScheme<P> = {
    ...parts,
    authenticated,
    dependencies: [
      ...parts.dependencies,
      provide(authenticated, { inject: { principal: parts.principal } }, ({ deps }) => {
        if (deps.principal === null) throw authError(scheme, 'Authentication is required')
        return deps.principal
      }),
    ],
    required<const I extends Injections = Record<never, never>, Q extends ParamsSchema | undefined = undefined>(
      options: RequireOptions<P, I, Q> = {},
    ): Guard {
      const scopes = options.scopes ?? []
      const label = Object.keys(parts.securitySchemes).join('|')
      type Ctx = WithParamsOf<RequestContext, Q> & { readonly deps: Resolved<I> & { readonly principal: P | null } }
      return guard(
        {
          name: options.name ?? `${label}.required(${scopes.join(',')})`,
          inject: { ...options.inject, principal: parts.principal } as unknown as Injections,
          // Unset ones stay undefined: the guard's readers treat an undefined field as an absent one.
          params: options.params,
          security: parts.requirement(scopes),
          securitySchemes: parts.securitySchemes,
          restricts: options.restricts,
          errors: [
            ...new Set([401, ...(scopes.length ? [403] : []), ...(parts.errors ?? []), ...(options.errors ?? [])]),
          ],
          responseHeaders: parts.responseHeaders,
          parameters: parts.parameters,
        },
        async (ctx) => {
          const c = ctx as unknown as Ctx
          const principal = c.deps.principal
          if (!principal) throw authError(scheme, 'Authentication is required')
          if (scopes.length && !parts.scopesOf(principal).some((s) => scopes.includes(s)))
            throw authError(scheme, options.denied ?? `Requires ${scopes.join(' or ')}`, 'insufficient_scope')
          await options.check?.(principal, c)
        },
      )
    },
  }
  return scheme
}
