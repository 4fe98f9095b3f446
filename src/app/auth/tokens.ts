import * as v from 'valibot'
import { HttpError } from '../../core'
import { authError, bearerJwt, InvalidCredentials, JwtInvalid, signHs256Jwt, verifyHs256Jwt } from '../../core/auth'
import { appConfig } from '../config'
import type { UserPrincipal } from './principal'
import { type FamilyPosition, rotate } from './refresh-families'
import { userPrincipal } from './user-principal'

/** Refresh-token lifetime in seconds; each refresh replaces the token. */
export const REFRESH_TOKEN_TTL = 30 * 24 * 60 * 60
const ISSUER = 'edge-api'
const AUDIENCE = 'edge-api'
// A refresh token is signed for another audience, so it can never pass as an access token (nor the reverse).
const REFRESH_AUDIENCE = 'edge-api/refresh'

const Subject = v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/))
const Version = v.pipe(v.number(), v.integer(), v.minValue(1))
const AccessClaims = v.object({ sub: Subject, ver: Version, fam: v.optional(v.pipe(v.string(), v.uuid())) })
const RefreshClaims = v.object({
  sub: Subject,
  ver: Version,
  fam: v.pipe(v.string(), v.uuid()),
  gen: v.pipe(v.number(), v.integer(), v.minValue(0)),
})

// The configuration refuses a secret under 256 bits; an unset one stops only what needs it, with the fix.
function jwtSecret(env: Cloudflare.Env): string {
  const secret = appConfig(env).jwtSecret
  if (secret === undefined)
    throw new HttpError(503, {
      detail:
        'JWT_SECRET is not set: run `npx wrangler secret put JWT_SECRET` (add `--env staging` for staging); ' +
        'locally, restart `wrangler dev`, whose build creates .dev.vars with one',
    })
  return secret
}

/**
 * An access token from POST /auth/login or POST /auth/refresh
 * @remarks
 * Bearer access tokens (HS256 with JWT_SECRET). The signature is not the last word: the user's row is read on
 * every request, so a deleted user, a changed role, a bumped credential version or a revoked family ends the
 * token at once.
 */
export const bearer = bearerJwt<UserPrincipal>({
  secret: jwtSecret,
  issuer: ISSUER,
  audience: AUDIENCE,
  clockSkew: 5,
  requiredClaims: ['sub', 'ver', 'jti', 'iat'],
  principal: async (claims, ctx) => {
    const parsed = v.safeParse(AccessClaims, claims)
    if (!parsed.success) throw new InvalidCredentials('The token is invalid')
    return userPrincipal(ctx, Number(parsed.output.sub), parsed.output)
  },
  scopesOf: (user) => [user.role],
})

/** An access token with the refresh token that replaces it. */
export interface TokenPair {
  readonly accessToken: string
  readonly expiresIn: number
  readonly tokenType: 'Bearer'
  readonly refreshToken: string
}

/**
 * Issues a token pair at a family's position (`startFamily` for a login, `rotate` for a refresh): no D1 call. Both
 * carry the credential version the position read; the access token lives `ACCESS_TOKEN_TTL` seconds.
 */
export async function issueTokenPair(env: Cloudflare.Env, userId: number, at: FamilyPosition): Promise<TokenPair> {
  const { family, generation, version } = at
  const sub = String(userId)
  const expiresIn = appConfig(env).accessTokenTtl
  return {
    accessToken: await bearer.sign(env, { sub, ver: version, fam: family }, expiresIn),
    expiresIn,
    tokenType: 'Bearer',
    refreshToken: await signHs256Jwt(
      jwtSecret(env),
      { sub, ver: version, fam: family, gen: generation },
      { issuer: ISSUER, audience: REFRESH_AUDIENCE, ttl: REFRESH_TOKEN_TTL },
    ),
  }
}

/** A refused refresh: 401 with the bearer scheme's challenge, `invalid_token`. */
const refused = (detail: string) => authError(bearer, detail, 'invalid_token')

/**
 * Exchanges a refresh token for a new pair (rotation), or answers 401. A token of an earlier generation is a reuse
 * and revokes the family; so does losing a race with a concurrent refresh of the same token.
 */
export async function refreshTokens(env: Cloudflare.Env, token: string): Promise<TokenPair> {
  let payload: unknown
  try {
    payload = await verifyHs256Jwt(token, jwtSecret(env), {
      issuer: ISSUER,
      audience: REFRESH_AUDIENCE,
      requiredClaims: ['sub'],
      clockSkew: 5,
    })
  } catch (e) {
    if (e instanceof JwtInvalid) throw refused('The refresh token is invalid or expired')
    throw e
  }
  const claims = v.safeParse(RefreshClaims, payload)
  if (!claims.success) throw refused('The refresh token is invalid or expired')
  const { sub, ver, fam, gen } = claims.output
  const userId = Number(sub)
  const rotation = await rotate(env.DB, fam, userId, gen)
  if (rotation.outcome === 'reused')
    throw refused('The refresh token was already used: every token of its login is revoked')
  if (rotation.outcome === 'revoked' || rotation.version !== ver) throw refused('The refresh token has been revoked')
  return issueTokenPair(env, userId, { family: fam, generation: gen + 1, version: ver })
}
