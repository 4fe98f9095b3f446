// An API key is `eak_<id>_<secret>`: the id finds the row, the secret is checked against its stored hash.
const FORMAT = /^eak_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/
const encoder = new TextEncoder()

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

/** A fresh key: its id, the full key to show once, and the hash to store (256 random bits, so SHA-256 suffices). */
export async function generateApiKey(): Promise<{ id: string; key: string; secretHash: string }> {
  const id = hex(crypto.getRandomValues(new Uint8Array(8)))
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)))
  return { id, key: `eak_${id}_${secret}`, secretHash: hex(await sha256(secret)) }
}

/** Splits a presented key into id and secret, or undefined when it is not shaped like one of ours. */
export function parseApiKey(key: string): { id: string; secret: string } | undefined {
  const match = FORMAT.exec(key)
  return match ? { id: match[1]!, secret: match[2]! } : undefined
}

/** Whether a secret matches a stored hash, compared in constant time. */
export async function secretMatches(secret: string, storedHash: string): Promise<boolean> {
  const actual = await sha256(secret)
  const expected = Uint8Array.from(storedHash.match(/../g) ?? [], (h) => Number.parseInt(h, 16))
  return expected.byteLength === actual.byteLength && crypto.subtle.timingSafeEqual(actual, expected)
}
