import { toBase64url } from './base64'

/**
 * A fresh unguessable token: 32 random bytes (256 bits) as base64url, the spelling of session ids, API-key secrets
 * and room tickets.
 * @example const id = randomToken()
 */
export const randomToken = (): string => toBase64url(crypto.getRandomValues(new Uint8Array(32)))
