/**
 * Bytes as base64. In chunks, so `String.fromCharCode` never gets more arguments than the engine takes (a body
 * of any size can be encoded).
 * @example toBase64(new Uint8Array([104, 105])) // 'aGk='
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * Bytes as base64url without padding, the spelling of tokens, ids and JWT segments.
 * @example toBase64url(new Uint8Array([251, 255])) // '-_8'
 */
export const toBase64url = (bytes: Uint8Array): string =>
  toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')

/**
 * The bytes of base64 text (padding optional); throws on anything else, as `atob` does.
 * @example fromBase64('aGk') // Uint8Array [104, 105]
 */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** The bytes of base64url text (padding optional); throws on anything else. */
export const fromBase64url = (text: string): Uint8Array => fromBase64(text.replaceAll('-', '+').replaceAll('_', '/'))
