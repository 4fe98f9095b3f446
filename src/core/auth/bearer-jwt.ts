import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose'
import type { RequestContext } from '../kernel/context'
import { type DependencyKey, dependency, provide } from '../kernel/di'
import { type AuthScheme, authError, authScheme, challengeHeader } from './auth-scheme'
import { isCanonicalJwt } from './canonical-jwt'
import { InvalidCredentials } from './invalid-credentials'

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
   * `edgestar/auth`. A separate import, so a Worker that signs with a secret does not bundle the JWKS code.
   */
  readonly jwks?: JWTVerifyGetKey
  /** Accepted algorithms; default HS256 with a secret, RS256/ES256/EdDSA with a JWKS. `none` is never accepted. */
  readonly algorithms?: readonly string[]
  readonly issuer: string
  readonly audience: string
  /** Seconds of clock difference tolerated on exp/nbf/iat. Default 5. */
  readonly clockSkew?: number
  /** Refuses tokens issued longer ago than this (`'1d'`, seconds). Default `'1d'`. */
  readonly maxTokenAge?: string | number
  /** Claims that must be present besides exp. */
  readonly requiredClaims?: readonly string[]
  /** Turns verified claims into the principal; throw `InvalidCredentials` to refuse (a revoked account). */
  readonly principal: (claims: JWTPayload, ctx: RequestContext<Env>) => P | Promise<P>
  /** The scopes (roles) of a principal. Default: the `scope` claim is not kept, so none. */
  readonly scopesOf?: (principal: P) => readonly string[]
  readonly description?: string
}

/** A bearer JWT scheme, and for a secret-keyed one a signer of tokens it accepts. */
export interface BearerJwt<P, Env = Cloudflare.Env> extends AuthScheme<P> {
  /** Signs an HS256 token with the scheme's secret, issuer and audience. */
  sign(env: Env, claims: JWTPayload & { sub: string }, ttlSeconds: number): Promise<string>
}

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i
const encoder = new TextEncoder()

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
  const jwks = options.jwks
  const secretOf = (env: Env) => {
    const secret = options.secret?.(env)
    // HS256 needs at least 256 bits of key: refuse to sign or verify with a weaker secret rather than degrade.
    if (typeof secret !== 'string' || secret.length < 32)
      throw new Error(`bearerJwt(${name}): the secret is missing or shorter than 32 characters`)
    return encoder.encode(secret)
  }
  const principal = options.key ?? dependency<P | null>(`auth:${name}`)
  const scheme = authScheme<P>({
    principal,
    name,
    dependencies: [
      provide(principal, async (ctx) => {
        const header = ctx.request.headers.get('authorization')
        if (header === null) return null
        const match = BEARER.exec(header.trim())
        if (!match) throw authError(scheme, 'The Authorization header must be "Bearer <token>"', 'invalid_request')
        if (!isCanonicalJwt(match[1]!))
          throw authError(scheme, 'The token is not three canonical base64url segments', 'invalid_token')
        let claims: JWTPayload
        try {
          const verifyOptions = {
            algorithms,
            issuer: options.issuer,
            audience: options.audience,
            requiredClaims: ['exp', ...(options.requiredClaims ?? [])],
            maxTokenAge: options.maxTokenAge ?? '1d',
            clockTolerance: options.clockSkew ?? 5,
          }
          ;({ payload: claims } = jwks
            ? await jwtVerify(match[1]!, jwks, verifyOptions)
            : await jwtVerify(match[1]!, secretOf(ctx.env as Env), verifyOptions))
        } catch (e) {
          if (e instanceof errors.JWTExpired) throw authError(scheme, 'The token has expired', 'invalid_token')
          if (e instanceof errors.JOSEError) throw authError(scheme, 'The token is invalid', 'invalid_token')
          throw e
        }
        try {
          return await options.principal(claims, ctx as unknown as RequestContext<Env>)
        } catch (e) {
          if (e instanceof InvalidCredentials) throw authError(scheme, e.message, 'invalid_token')
          throw e
        }
      }),
    ],
    securitySchemes: {
      [name]: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        ...(options.description ? { description: options.description } : {}),
      },
    },
    requirement: (scopes) => [{ [name]: [...scopes] }],
    wwwAuthenticate: (error, detail) => challengeHeader('Bearer', { realm }, error, detail),
    scopesOf: options.scopesOf ?? (() => []),
  })
  return {
    ...scheme,
    async sign(env, claims, ttlSeconds) {
      if (!options.secret) throw new Error(`bearerJwt(${name}): only a secret-keyed scheme signs tokens`)
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .setJti(claims.jti ?? crypto.randomUUID())
        .sign(secretOf(env))
    },
  }
}
