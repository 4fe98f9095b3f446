import {
  compactVerify,
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose'
import { canonicalJwtParts } from './canonical-jwt'
import { checkJwtClaims } from './jwt-claims'
import { JwtInvalid } from './jwt-errors'
import { jwtHeader } from './jwt-header'
import { jwtObject } from './jwt-json'
import type { JwtVerifier } from './jwt-verifier'

// jose finds the key and checks the signature; the header and claims go through the same checks as HS256.
const verifierOf = (keys: JWTVerifyGetKey): JwtVerifier => ({
  async verify(token, options) {
    const [header] = canonicalJwtParts(token)
    jwtHeader(header, options.algorithms)
    let payload: Uint8Array
    try {
      ;({ payload } = await compactVerify(token, keys, { algorithms: [...options.algorithms] }))
    } catch (e) {
      if (e instanceof errors.JOSEError) throw new JwtInvalid(`The token is refused: ${e.message}`)
      throw e
    }
    return checkJwtClaims(jwtObject(payload, 'payload'), options)
  },
})

/**
 * The public keys at a JWKS URL, for `bearerJwt({ jwks })`: fetched on first use and cached for the isolate's
 * life (jose's cache, which is not request state), refetched when a token names an unknown `kid`.
 * @example bearerJwt({ jwks: remoteJwks('https://issuer.example/.well-known/jwks.json'), issuer, audience, principal })
 */
export const remoteJwks = (
  url: string | URL,
  options: { readonly fetch?: (url: string, init: RequestInit) => Promise<Response> } = {},
): JwtVerifier => verifierOf(createRemoteJWKSet(new URL(url), options.fetch ? { [customFetch]: options.fetch } : {}))

/** Public keys given as a JWKS object, for `bearerJwt({ jwks })`. */
export const localJwks = (set: JSONWebKeySet): JwtVerifier => verifierOf(createLocalJWKSet(set))
