import { JwtInvalid } from './jwt-errors'

const B64URL = /^[A-Za-z0-9_-]+$/
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * Whether one base64url segment is the only spelling of its bytes: no padding, no other alphabet, and no bits
 * set past the last byte (`...Q` and `...R` decode alike; only the one with zero trailing bits is canonical).
 */
export function isCanonicalBase64url(segment: string): boolean {
  if (!B64URL.test(segment)) return false
  const rest = segment.length % 4
  if (rest === 1) return false
  if (rest === 0) return true
  const last = ALPHABET.indexOf(segment[segment.length - 1]!)
  return (last & (rest === 2 ? 0b1111 : 0b11)) === 0
}

/**
 * Whether a compact JWS is three canonical base64url segments. A decoder that tolerates `=` or stray trailing
 * bits gives one token many spellings: a deny-list, a log search or a cache keyed on the text then misses.
 * @example isCanonicalJwt('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.sig=') // false
 */
export function isCanonicalJwt(token: string): boolean {
  const parts = token.split('.')
  return parts.length === 3 && parts.every(isCanonicalBase64url)
}

/** The longest token a verifier reads: far above any real JWT, and refused before decoding or hashing. */
export const MAX_JWT_LENGTH = 8192

/**
 * The three segments of a compact JWS no longer than `MAX_JWT_LENGTH` and canonical, or a `JwtInvalid` saying
 * which it is not; what every verifier does first.
 */
export function canonicalJwtParts(token: string): [header: string, payload: string, signature: string] {
  if (token.length > MAX_JWT_LENGTH) throw new JwtInvalid(`The token is longer than ${MAX_JWT_LENGTH} characters`)
  if (!isCanonicalJwt(token)) throw new JwtInvalid('The token is not three canonical base64url segments')
  return token.split('.') as [string, string, string]
}
