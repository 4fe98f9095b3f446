import { fromBase64 } from '../kernel/base64'
import type { RequestContext } from '../kernel/context'
import type { DependencyKey } from '../kernel/di'
import { type AuthScheme, authError, challengeHeader } from './auth-scheme'
import { credentialScheme } from './credential-scheme'
import { secretsEqual } from './timing-safe-equal'

/** Options of `httpBasic`: a realm and either fixed credentials or a verifier. */
export interface HttpBasicOptions<P, Env = Cloudflare.Env> {
  /** The dependency the principal is provided as. Default `auth:<name>`. */
  readonly key?: DependencyKey<P | null>
  /** The security scheme's name in the document. Default `basicAuth`. */
  readonly name?: string
  readonly realm: string
  /**
   * The one accepted user name and password, from the environment; compared in constant time. Undefined (an
   * unset secret) refuses everyone.
   */
  readonly credentials?: (env: Env) => { username: string; password: string } | undefined
  /** Or a verifier: the principal, or null to refuse. It must compare secrets with `secretsEqual`. */
  readonly verify?: (username: string, password: string, ctx: RequestContext<Env>) => P | null | Promise<P | null>
  readonly scopesOf?: (principal: P) => readonly string[]
  /** The security scheme's description; the doc comment above `const b = httpBasic({ ... })` gives it too. */
  readonly description?: string
}

const BASIC = /^Basic ([A-Za-z0-9+/]+=*)$/i

function decode(token: string): { username: string; password: string } | undefined {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(fromBase64(token))
  } catch {
    return undefined
  }
  const colon = text.indexOf(':')
  return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) }
}

/**
 * HTTP Basic (RFC 7617) for machine endpoints: checks the credentials in constant time and challenges with
 * `WWW-Authenticate: Basic realm="…", charset="UTF-8"`. No header: a null principal; bad credentials: 401.
 * @example
 * const metricsAuth = httpBasic({ realm: 'metrics',
 *   credentials: (env) => env.METRICS_PASSWORD ? { username: 'metrics', password: env.METRICS_PASSWORD } : undefined })
 * router({ dependencies: [...metricsAuth.dependencies], guards: [metricsAuth.required()], handlers: [metrics] })
 */
export function httpBasic<P = { readonly username: string }, Env = Cloudflare.Env>(
  options: HttpBasicOptions<P, Env>,
): AuthScheme<P> {
  const name = options.name ?? 'basicAuth'
  if (!options.credentials === !options.verify)
    throw new Error(`httpBasic(${name}): give exactly one of credentials or verify`)
  const verify =
    options.verify ??
    (async (username: string, password: string, ctx: RequestContext<Env>): Promise<P | null> => {
      const expected = options.credentials!(ctx.env)
      // Both halves are always compared, so timing says nothing about which one was wrong.
      const [user, pass] = await Promise.all([
        secretsEqual(username, expected?.username ?? ''),
        secretsEqual(password, expected?.password ?? crypto.randomUUID()),
      ])
      return expected && user && pass ? ({ username } as P) : null
    })
  return credentialScheme<P>(
    options,
    name,
    { type: 'http', scheme: 'basic' },
    async (ctx, scheme) => {
      const header = ctx.request.headers.get('authorization')
      if (header === null) return null
      const match = BASIC.exec(header.trim())
      const credentials = match ? decode(match[1]!) : undefined
      if (!credentials) throw authError(scheme, 'The Authorization header must be "Basic <base64 user:password>"')
      const found = await verify(credentials.username, credentials.password, ctx as unknown as RequestContext<Env>)
      if (!found) throw authError(scheme, 'The user name or password is wrong')
      return found
    },
    // RFC 7617 defines no error parameter; the realm and charset are the whole challenge.
    { wwwAuthenticate: () => challengeHeader('Basic', { realm: options.realm, charset: 'UTF-8' }) },
  )
}
