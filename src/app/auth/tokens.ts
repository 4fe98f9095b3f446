import { errors, jwtVerify, SignJWT } from 'jose'
import * as v from 'valibot'
import { HttpError } from '../../core'
import { appConfig } from '../config'
import type { Role, UserPrincipal } from './principal'

const ISSUER = 'edge-api'
const AUDIENCE = 'edge-api'
const ALGORITHM = 'HS256'
const encoder = new TextEncoder()

const Claims = v.object({
  sub: v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/)),
  role: v.picklist(['user', 'admin']),
  jti: v.pipe(v.string(), v.minLength(16)),
  iat: v.number(),
  exp: v.number(),
})

/** Why a token was refused; only ever reported to the client as `invalid_token`. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError'
}

// The configuration refuses a secret under 256 bits; an unset one stops only what needs it, with the fix.
function secretOf(env: Cloudflare.Env): Uint8Array {
  const secret = appConfig(env).jwtSecret
  if (secret === undefined)
    throw new HttpError(503, {
      detail:
        'JWT_SECRET is not set: run `npx wrangler secret put JWT_SECRET` (add `--env staging` for staging); ' +
        'locally, restart `wrangler dev`, whose build creates .dev.vars with one',
    })
  return encoder.encode(secret)
}

/** A signed access token and when it expires. */
export interface IssuedToken {
  readonly accessToken: string
  readonly expiresIn: number
  readonly jti: string
}

/**
 * Signs an HS256 access token for a user (sub, role, iat, exp, jti); tests of other areas mint tokens with it.
 * @example const { accessToken } = await issueAccessToken(env, { id: 1, role: 'admin' })
 */
export async function issueAccessToken(
  env: Cloudflare.Env,
  user: { readonly id: number; readonly role: Role },
  ttl: number = appConfig(env).accessTokenTtl,
): Promise<IssuedToken> {
  const jti = crypto.randomUUID()
  const accessToken = await new SignJWT({ role: user.role })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(String(user.id))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`)
    .setJti(jti)
    .sign(secretOf(env))
  return { accessToken, expiresIn: ttl, jti }
}

/**
 * Verifies signature (HS256 only: `none` and every other algorithm are refused), issuer, audience and
 * times, then the claims' shape; throws InvalidTokenError with the reason.
 */
export async function verifyAccessToken(env: Cloudflare.Env, token: string): Promise<UserPrincipal> {
  const secret = secretOf(env)
  let payload: unknown
  try {
    ;({ payload } = await jwtVerify(token, secret, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'role', 'jti', 'iat', 'exp'],
      // Also refuses an `iat` in the future; no token we issue lives a day.
      maxTokenAge: '1d',
      clockTolerance: 5,
    }))
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new InvalidTokenError('The token has expired')
    if (e instanceof errors.JOSEError) throw new InvalidTokenError('The token is invalid')
    throw e
  }
  const claims = v.safeParse(Claims, payload)
  if (!claims.success) throw new InvalidTokenError('The token is invalid')
  const { sub, role, jti, exp } = claims.output
  return { id: Number(sub), role, jti, exp }
}
