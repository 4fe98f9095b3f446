import { JwtExpired, JwtInvalid } from './jwt-errors'

/** The claims of a verified JWT: the registered ones typed (RFC 7519 §4.1), any other as JSON. */
export interface JwtClaims {
  readonly iss?: string
  readonly sub?: string
  readonly aud?: string | readonly string[]
  readonly exp?: number
  readonly nbf?: number
  readonly iat?: number
  readonly jti?: string
  readonly [claim: string]: unknown
}

/** What a JWT must hold besides its signature. */
export interface JwtVerifyOptions {
  /** The `iss` the token must carry, exactly. */
  readonly issuer: string
  /** The audience the `aud` claim (a string, or an array of strings) must name. */
  readonly audience: string
  /** Seconds of clock difference tolerated on exp, nbf and iat. Default 0. */
  readonly clockSkew?: number
  /** Refuses a token issued more than this many seconds ago (`iat` is then required). */
  readonly maxTokenAge?: number
  /** Claims that must be present besides iss, aud and exp. */
  readonly requiredClaims?: readonly string[]
}

const TIMES = ['exp', 'nbf', 'iat'] as const
const TEXTS = ['iss', 'sub', 'jti'] as const

/**
 * Checks a decoded claims set against the options and returns it typed: required claims present, registered
 * claims of their type (a number, never `"1700000000"`), issuer and audience ours, and the time window open.
 * @example const claims = checkJwtClaims(payload, { issuer: 'me', audience: 'me', clockSkew: 5 })
 */
export function checkJwtClaims(claims: Record<string, unknown>, options: JwtVerifyOptions): JwtClaims {
  const required = ['iss', 'aud', 'exp', ...(options.maxTokenAge === undefined ? [] : ['iat'])]
  for (const name of [...required, ...(options.requiredClaims ?? [])])
    if (!Object.hasOwn(claims, name)) throw new JwtInvalid(`The "${name}" claim is missing`)
  for (const name of TIMES)
    if (Object.hasOwn(claims, name) && !Number.isFinite(claims[name]))
      throw new JwtInvalid(`The "${name}" claim is not a number`)
  for (const name of TEXTS)
    if (Object.hasOwn(claims, name) && typeof claims[name] !== 'string')
      throw new JwtInvalid(`The "${name}" claim is not a string`)
  const { iss, aud, exp, nbf, iat } = claims as JwtClaims
  if (iss !== options.issuer) throw new JwtInvalid('The "iss" claim is not the expected issuer')
  const audiences = typeof aud === 'string' ? [aud] : aud
  if (!Array.isArray(audiences) || audiences.some((a) => typeof a !== 'string'))
    throw new JwtInvalid('The "aud" claim is not a string or an array of strings')
  if (!audiences.includes(options.audience)) throw new JwtInvalid('The "aud" claim does not name the expected audience')
  const now = Math.floor(Date.now() / 1000)
  const skew = options.clockSkew ?? 0
  if (exp! <= now - skew) throw new JwtExpired('The "exp" claim is past')
  if (nbf !== undefined && nbf > now + skew) throw new JwtInvalid('The "nbf" claim is in the future')
  if (iat !== undefined && iat > now + skew) throw new JwtInvalid('The "iat" claim is in the future')
  if (options.maxTokenAge !== undefined && now - iat! - skew > options.maxTokenAge)
    throw new JwtExpired('The "iat" claim is older than the maximum token age')
  return claims as JwtClaims
}
