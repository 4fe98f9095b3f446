import type { RequestContext } from '../kernel/context'
import type { DependencyKey } from '../kernel/di'
import { type AuthScheme, authError, challengeHeader } from './auth-scheme'
import { isCanonicalJwt } from './canonical-jwt'
import { credentialScheme } from './credential-scheme'
import { signHs256Jwt, verifyHs256Jwt } from './hs256-jwt'
import { InvalidCredentials } from './invalid-credentials'
import type { JwtClaims } from './jwt-claims'
import { JwtExpired, JwtInvalid } from './jwt-errors'
import type { JwtVerifier } from './jwt-verifier'

/** Options of `bearerJwt`: one key source (an HS256 secret, or public keys) and the claims to check. */
export interface BearerJwtOptions<P, Env = Cloudflare.Env> {
  /** The dependency the principal is provided as. Default `auth:<name>`. */
  readonly key?: DependencyKey<P | null>
  /** The security scheme's name in the document. Default `bearerAuth`. */
  readonly name?: string
  readonly realm?: string
  /** An HS256 secret of at least 32 characters, read from the environment per request. */
  readonly secret?: (env: Env) => string | undefined
  /**
   * Public keys: `remoteJwks(url)` (fetched and cached, refetched on an unknown `kid`) or `localJwks(set)`, from
   * `edgestar/auth`. Only they import jose, so a Worker that signs with a secret bundles neither.
   */
  readonly jwks?: JwtVerifier
  /**
   * Accepted algorithms; with a JWKS default RS256/ES256/EdDSA. A secret verifies HS256 only (any other list is
   * refused at build). `none` is never accepted.
   */
  readonly algorithms?: readonly string[]
  readonly issuer: string
  readonly audience: string
  /** Seconds of clock difference tolerated on exp/nbf/iat. Default 5. */
  readonly clockSkew?: number
  /** Refuses tokens issued longer ago than this (`'1d'`, `'12h'`, `'30m'`, or seconds). Default `'1d'`. */
  readonly maxTokenAge?: string | number
  /** Claims that must be present besides exp. */
  readonly requiredClaims?: readonly string[]
  /** Turns verified claims into the principal; throw `InvalidCredentials` to refuse (a revoked account). */
  readonly principal: (claims: JwtClaims, ctx: RequestContext<Env>) => P | Promise<P>
  /** The scopes (roles) of a principal. Default: the `scope` claim is not kept, so none. */
  readonly scopesOf?: (principal: P) => readonly string[]
  /** The security scheme's description; the doc comment above `const b = bearerJwt({ ... })` gives it too. */
  readonly description?: string
}

/** A bearer JWT scheme, and for a secret-keyed one a signer of tokens it accepts. */
export interface BearerJwt<P, Env = Cloudflare.Env> extends AuthScheme<P> {
  /** Signs an HS256 token with the scheme's secret, issuer and audience. */
  sign(env: Env, claims: JwtClaims & { readonly sub: string }, ttlSeconds: number): Promise<string>
}

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i
const DURATION = /^(\d+) ?(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)$/i
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }

/**
 * `Authorization: Bearer <JWT>`: verifies signature (only the configured algorithms), issuer, audience and
 * times, then hands the claims to `principal`. No header: a null principal; a malformed, invalid, expired or
 * refused token: 401 with an RFC 6750 challenge.
 * @example
 * const bearer = bearerJwt({ secret: (env) => env.JWT_SECRET, issuer: 'me', audience: 'me',
 *   principal: (claims) => ({ id: Number(claims.sub) }) })
 * router({ dependencies: [...bearer.dependencies], guards: [bearer.required()], handlers })
 */
export function bearerJwt<P, Env = Cloudflare.Env>(options: BearerJwtOptions<P, Env>): BearerJwt<P, Env> {
  const name = options.name ?? 'bearerAuth'
  const realm = options.realm ?? 'api'
  if (!options.secret === !options.jwks) throw new Error(`bearerJwt(${name}): give exactly one of secret or jwks`)
  const algorithms = [...(options.algorithms ?? (options.secret ? ['HS256'] : ['RS256', 'ES256', 'EdDSA']))]
  if (algorithms.some((a) => a.toLowerCase() === 'none')) throw new Error(`bearerJwt(${name}): "none" is refused`)
  if (options.secret && (algorithms.length !== 1 || algorithms[0] !== 'HS256'))
    throw new Error(`bearerJwt(${name}): a secret verifies HS256 only`)
  const jwks = options.jwks
  const verifyOptions = {
    algorithms,
    issuer: options.issuer,
    audience: options.audience,
    requiredClaims: options.requiredClaims ?? [],
    maxTokenAge: seconds(name, options.maxTokenAge ?? '1d'),
    clockSkew: options.clockSkew ?? 5,
  }
  // signHs256Jwt and verifyHs256Jwt refuse a missing secret or one under 256 bits, rather than degrade.
  const secretOf = (env: Env) => options.secret?.(env) as string
  const scheme = credentialScheme<P>(
    options,
    name,
    { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    async (ctx, scheme) => {
      const header = ctx.request.headers.get('authorization')
      if (header === null) return null
      const match = BEARER.exec(header.trim())
      if (!match) throw authError(scheme, 'The Authorization header must be "Bearer <token>"', 'invalid_request')
      if (!isCanonicalJwt(match[1]!))
        throw authError(scheme, 'The token is not three canonical base64url segments', 'invalid_token')
      let claims: JwtClaims
      try {
        claims = jwks
          ? await jwks.verify(match[1]!, verifyOptions)
          : await verifyHs256Jwt(match[1]!, secretOf(ctx.env as Env), verifyOptions)
      } catch (e) {
        if (e instanceof JwtExpired) throw authError(scheme, 'The token has expired', 'invalid_token')
        if (e instanceof JwtInvalid) throw authError(scheme, 'The token is invalid', 'invalid_token')
        throw e
      }
      try {
        return await options.principal(claims, ctx as unknown as RequestContext<Env>)
      } catch (e) {
        if (e instanceof InvalidCredentials) throw authError(scheme, e.message, 'invalid_token')
        throw e
      }
    },
    { wwwAuthenticate: (error, detail) => challengeHeader('Bearer', { realm }, error, detail) },
  )
  return {
    ...scheme,
    async sign(env, claims, ttlSeconds) {
      if (!options.secret) throw new Error(`bearerJwt(${name}): only a secret-keyed scheme signs tokens`)
      return signHs256Jwt(secretOf(env), claims, {
        issuer: options.issuer,
        audience: options.audience,
        ttl: ttlSeconds,
      })
    },
  }
}

// A maximum age as seconds, read once at build: a spelling it does not know stops the build, never disables it.
function seconds(name: string, age: string | number): number {
  if (typeof age === 'number' && Number.isFinite(age) && age >= 0) return age
  const match = typeof age === 'string' ? DURATION.exec(age) : null
  if (!match) throw new Error(`bearerJwt(${name}): maxTokenAge ${JSON.stringify(age)} is not like '1d', '12h' or 3600`)
  return Number(match[1]) * UNIT[match[2]![0]!.toLowerCase()]!
}
