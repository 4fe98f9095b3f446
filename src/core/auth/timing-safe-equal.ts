const encoder = new TextEncoder()

/**
 * Compares two byte strings in time that depends only on their lengths, never on where they differ; false
 * when the lengths differ. Uses workerd's `crypto.subtle.timingSafeEqual`, with a branch-free loop elsewhere.
 * @example timingSafeEqual(await digest(presented), storedDigest)
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (x: Uint8Array, y: Uint8Array) => boolean }
  if (typeof subtle.timingSafeEqual === 'function') return subtle.timingSafeEqual(a, b)
  let diff = 0
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/**
 * Whether two texts are equal, compared as SHA-256 digests so neither their contents nor their lengths leak
 * through timing (secrets from configuration, Basic passwords, CSRF tokens).
 * @example if (!(await secretsEqual(password, env.METRICS_PASSWORD))) throw challenge
 */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(a)),
    crypto.subtle.digest('SHA-256', encoder.encode(b)),
  ])
  return timingSafeEqual(new Uint8Array(x), new Uint8Array(y))
}
