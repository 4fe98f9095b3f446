import { sha256Hex } from '../kernel/bounded-key'
import { randomToken } from '../kernel/random-token'

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** A freshly generated API key: the id to store and look up by, the key to show once, the hash to store. */
export interface GeneratedApiKey {
  readonly id: string
  readonly key: string
  readonly secretHash: string
}

/**
 * Generates `<prefix>_<16 hex id>_<43 base64url secret>`: 256 random bits of secret, so an unsalted SHA-256 is
 * enough to store (nothing to brute-force); only the hash is kept.
 * @example const { id, key, secretHash } = await generateApiKey('eak')
 */
export async function generateApiKey(prefix: string): Promise<GeneratedApiKey> {
  const id = hex(crypto.getRandomValues(new Uint8Array(8)))
  const secret = randomToken()
  return { id, key: `${prefix}_${id}_${secret}`, secretHash: await sha256Hex(secret) }
}

/**
 * Splits a presented key into id and secret, or undefined when it is not shaped like one with this prefix.
 * @example parseApiKey('eak', header)?.id
 */
export function parseApiKey(prefix: string, key: string): { id: string; secret: string } | undefined {
  if (!key.startsWith(`${prefix}_`)) return undefined
  const match = /^([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(key.slice(prefix.length + 1))
  return match ? { id: match[1]!, secret: match[2]! } : undefined
}
