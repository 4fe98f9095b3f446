import type { RequestContext } from '../kernel/context'
import { type DependencyKey, dependency, provide } from '../kernel/di'
import { type AuthScheme, authScheme, type SchemeParts, type SecuritySchemeDoc } from './auth-scheme'

/** The options every one-credential scheme (bearer JWT, API key, cookie session, Basic) takes alike. */
export interface CredentialOptions<P> {
  /** The dependency the principal is provided as. Default `auth:<name>`. */
  readonly key?: DependencyKey<P | null>
  readonly scopesOf?: (principal: P) => readonly string[]
  readonly description?: string
}

/**
 * A scheme reading one kind of credential, as one security scheme of the document named `name`: its principal is
 * provided under `options.key` (default `auth:<name>`) by `read` (null without credentials, else the principal or a
 * 401 made with `authError(scheme, ...)`), a requirement names `name` with the scopes, and the principal's scopes are
 * `options.scopesOf` (default none). `doc` is the security scheme object; `options.description` completes it.
 */
export function credentialScheme<P>(
  options: CredentialOptions<P>,
  name: string,
  doc: SecuritySchemeDoc,
  read: (ctx: RequestContext, scheme: AuthScheme<P>) => Promise<P | null>,
  parts: Pick<SchemeParts<P>, 'wwwAuthenticate' | 'errors' | 'parameters' | 'responseHeaders'>,
): AuthScheme<P> {
  const principal = options.key ?? dependency<P | null>(`auth:${name}`)
  const scheme: AuthScheme<P> = authScheme<P>({
    ...parts,
    principal,
    name,
    dependencies: [provide(principal, (ctx) => read(ctx, scheme))],
    securitySchemes: { [name]: { ...doc, ...(options.description ? { description: options.description } : {}) } },
    requirement: (scopes) => [{ [name]: [...scopes] }],
    scopesOf: options.scopesOf ?? (() => []),
  })
  return scheme
}
