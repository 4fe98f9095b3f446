import { fromBase64url } from '../kernel/base64'
import { JwtInvalid } from './jwt-errors'
import { jwtObject } from './jwt-json'

/**
 * The protected header of a compact JWS, refused unless its `alg` is one of `algorithms` exactly (so never
 * `none`, and `hs256` is not `HS256`) and it asks for no extension: `crit` names processing this verifier does
 * not do, and `b64: false` (RFC 7797) would sign the payload unencoded.
 */
export function jwtHeader(segment: string, algorithms: readonly string[]): Record<string, unknown> {
  const header = jwtObject(fromBase64url(segment), 'header')
  if (typeof header.alg !== 'string' || !algorithms.includes(header.alg))
    throw new JwtInvalid(`The "alg" header is not ${algorithms.join(' or ')}`)
  if (Object.hasOwn(header, 'crit')) throw new JwtInvalid('The "crit" header is not supported')
  if (Object.hasOwn(header, 'b64')) throw new JwtInvalid('The "b64" header is not supported')
  return header
}
