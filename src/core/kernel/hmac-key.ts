const keys = new Map<string, Promise<CryptoKey>>()

/**
 * The HMAC-SHA256 key (sign and verify) of a secret's bytes, imported once per isolate: keys come from
 * configuration, not request state, and a CryptoKey holds no I/O. At most 8 are kept, so rotating secrets (or a
 * test's many) never grow the map; a failed import is not kept.
 * @example crypto.subtle.sign('HMAC', await hmacSha256Key(new TextEncoder().encode(secret)), data)
 */
export function hmacSha256Key(raw: Uint8Array): Promise<CryptoKey> {
  const id = String.fromCharCode(...raw)
  let key = keys.get(id)
  if (!key) {
    key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    key.catch(() => keys.delete(id))
    if (keys.size >= 8) keys.clear()
    keys.set(id, key)
  }
  return key
}
