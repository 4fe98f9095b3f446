const keys = new Map<string, Promise<CryptoKey>>()
const encoder = new TextEncoder()

/**
 * The HMAC-SHA256 key (sign and verify) of a secret, imported once per isolate: keys come from configuration, not
 * request state, and a CryptoKey holds no I/O. A string is keyed by its UTF-8 bytes (looked up by the string
 * itself, so a request encodes nothing), bytes as they are. At most 8 are kept, so rotating secrets (or a test's
 * many) never grow the map; a failed import is not kept.
 * @example crypto.subtle.sign('HMAC', await hmacSha256Key(env.CURSOR_SECRET), data)
 */
export function hmacSha256Key(secret: string | Uint8Array): Promise<CryptoKey> {
  // Prefixed, so a text secret never finds the key of bytes that happen to spell the same characters.
  const id = typeof secret === 'string' ? `t${secret}` : `b${String.fromCharCode(...secret)}`
  let key = keys.get(id)
  if (!key) {
    const raw = typeof secret === 'string' ? encoder.encode(secret) : secret
    key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    key.catch(() => keys.delete(id))
    if (keys.size >= 8) keys.clear()
    keys.set(id, key)
  }
  return key
}
