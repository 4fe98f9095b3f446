const encoder = new TextEncoder()

/** base64url without padding, written here rather than taken from the code under test. */
export function b64url(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}

/**
 * A compact JWS from a header and a payload given as JSON text, raw bytes or a value to stringify, HMAC-signed with the
 * given hash: the spellings a JWT library refuses to produce (duplicate names, arrays, `crit`, `alg: "hs256"`).
 */
export async function craftJwt(
  header: string | object,
  payload: string | object,
  secret: string,
  hash: 'SHA-256' | 'SHA-384' | 'SHA-512' = 'SHA-256',
): Promise<string> {
  const text = (part: string | object) =>
    typeof part === 'string' || part instanceof Uint8Array ? part : JSON.stringify(part)
  const input = `${b64url(text(header))}.${b64url(text(payload))}`
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign'])
  return `${input}.${b64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(input))))}`
}
