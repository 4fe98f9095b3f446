const encoder = new TextEncoder()

/** Hex SHA-256 of a text, through `crypto.subtle`. @example await sha256Hex('abc') // 'ba7816bf…' */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
  let out = ''
  for (const b of digest) out += b.toString(16).padStart(2, '0')
  return out
}

/** The longest key built from request input that is kept as it is, in UTF-8 bytes. */
export const MAX_PLAIN_KEY = 256

/**
 * A key built from request input, bounded: kept as it is up to `max` UTF-8 bytes, else replaced by its SHA-256,
 * so no input can push a KV key past 512 bytes or a Durable Object name past its limit.
 * @example await boundedKey(`login:${ip}|${email}`) // as it is, or 'sha256:…' when long
 */
export async function boundedKey(key: string, max = MAX_PLAIN_KEY): Promise<string> {
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit: most keys are decided without encoding.
  if (key.length * 3 <= max || encoder.encode(key).byteLength <= max) return key
  return `sha256:${await sha256Hex(key)}`
}
