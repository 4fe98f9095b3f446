import { fromBase64url, toBase64url } from '../kernel/base64'
import { hmacSha256Key } from '../kernel/hmac-key'
import { canonicalJwtParts } from './canonical-jwt'
import { checkJwtClaims, type JwtClaims, type JwtVerifyOptions } from './jwt-claims'
import { JwtInvalid } from './jwt-errors'
import { jwtHeader } from './jwt-header'
import { jwtObject } from './jwt-json'

/** What `signHs256Jwt` stamps on a token besides the given claims. */
export interface Hs256SignOptions {
  readonly issuer: string
  readonly audience: string
  /** Seconds from now to `exp`. */
  readonly ttl: number
}

// toBase64url('{"alg":"HS256","typ":"JWT"}'): the one header this module signs.
const HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'
const HS256 = ['HS256']
const encoder = new TextEncoder()

function hmacKey(secret: string): Promise<CryptoKey> {
  // HS256 needs at least 256 bits of key: refuse to sign or verify with a weaker secret rather than degrade.
  if (typeof secret !== 'string' || secret.length < 32)
    throw new Error('An HS256 secret must be at least 32 characters')
  return hmacSha256Key(secret)
}

/**
 * Signs a JWT with HMAC SHA-256: header `{"alg":"HS256","typ":"JWT"}`, the claims, then `iss`, `aud`, `iat`,
 * `exp` from the options and a `jti` (a random UUID unless the claims carry one).
 * @example const token = await signHs256Jwt(env.JWT_SECRET, { sub: '7' }, { issuer: 'me', audience: 'me', ttl: 900 })
 */
export async function signHs256Jwt(secret: string, claims: JwtClaims, options: Hs256SignOptions): Promise<string> {
  if (!Number.isFinite(options.ttl) || options.ttl <= 0) throw new TypeError('The ttl must be a positive number')
  const key = await hmacKey(secret)
  const iat = Math.floor(Date.now() / 1000)
  const payload = {
    ...claims,
    iss: options.issuer,
    aud: options.audience,
    iat,
    exp: iat + Math.floor(options.ttl),
    jti: claims.jti ?? crypto.randomUUID(),
  }
  const input = `${HEADER}.${toBase64url(encoder.encode(JSON.stringify(payload)))}`
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(input))
  return `${input}.${toBase64url(new Uint8Array(signature))}`
}

/**
 * Verifies an HS256 JWT and returns its claims, or throws `JwtExpired` (past `exp` or `maxTokenAge`) or
 * `JwtInvalid` naming the reason: longer than 8 KiB or not canonical base64url, a header other than
 * `alg: "HS256"` without `crit`/`b64`, a signature mismatch (compared by `crypto.subtle.verify`, in constant
 * time), a payload that is not a JSON object, a name twice in either, or claims that fail `checkJwtClaims`.
 * @example const claims = await verifyHs256Jwt(token, env.JWT_SECRET, { issuer: 'me', audience: 'me', clockSkew: 5 })
 */
export async function verifyHs256Jwt(token: string, secret: string, options: JwtVerifyOptions): Promise<JwtClaims> {
  const key = await hmacKey(secret)
  const [header, payload, signature] = canonicalJwtParts(token)
  jwtHeader(header, HS256)
  const signed = encoder.encode(`${header}.${payload}`)
  if (!(await crypto.subtle.verify('HMAC', key, fromBase64url(signature), signed)))
    throw new JwtInvalid('The signature does not match')
  return checkJwtClaims(jwtObject(fromBase64url(payload), 'payload'), options)
}
