import { createLocalJWKSet, createRemoteJWKSet, customFetch, type FetchImplementation, type JSONWebKeySet } from 'jose'

/**
 * The public keys at a JWKS URL, for `bearerJwt({ jwks })`: fetched on first use and cached for the isolate's
 * life (jose's cache, which is not request state), refetched when a token names an unknown `kid`.
 * @example bearerJwt({ jwks: remoteJwks('https://issuer.example/.well-known/jwks.json'), issuer, audience, principal })
 */
export const remoteJwks = (url: string | URL, options: { readonly fetch?: FetchImplementation } = {}) =>
  createRemoteJWKSet(new URL(url), options.fetch ? { [customFetch]: options.fetch } : {})

/** Public keys given as a JWKS object, for `bearerJwt({ jwks })`. */
export const localJwks = (set: JSONWebKeySet) => createLocalJWKSet(set)
