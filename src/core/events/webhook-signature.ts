import { fromBase64, toBase64 } from '../kernel/base64'
import { hmacSha256Key } from '../kernel/hmac-key'

/** The Standard Webhooks headers of one signed delivery. */
export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string
  readonly 'webhook-timestamp': string
  readonly 'webhook-signature': string
}

const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/

/** The key bytes of a `whsec_<base64>` secret, or undefined when the secret is not one (at least 16 bytes). */
export function webhookSecretBytes(secret: string | undefined): Uint8Array | undefined {
  const match = secret === undefined ? null : SECRET.exec(secret)
  if (!match) return undefined
  try {
    const bytes = fromBase64(match[1]!)
    return bytes.length < 16 ? undefined : bytes
  } catch {
    return undefined
  }
}

/**
 * Signs a delivery as the Standard Webhooks specification does: HMAC-SHA256 over `${id}.${timestamp}.${body}`
 * with the secret's bytes, sent as `webhook-signature: v1,<base64>` beside `webhook-id` (the same on a retry, so a
 * receiver can drop duplicates) and `webhook-timestamp` (seconds; receivers refuse old ones against replays).
 * @example await signWebhook(webhookSecretBytes(secret)!, 'evt_1', 1700000000, '{"id":9}') // { 'webhook-signature': 'v1,...', ... }
 */
export async function signWebhook(
  secret: Uint8Array,
  id: string,
  timestamp: number,
  body: string,
): Promise<WebhookSignatureHeaders> {
  const signed = new TextEncoder().encode(`${id}.${timestamp}.${body}`)
  const mac = await crypto.subtle.sign('HMAC', await hmacSha256Key(secret), signed)
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${toBase64(new Uint8Array(mac))}`,
  }
}
