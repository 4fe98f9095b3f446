/** The Standard Webhooks headers of one signed delivery. */
export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string
  readonly 'webhook-timestamp': string
  readonly 'webhook-signature': string
}

const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/
const keys = new Map<string, Promise<CryptoKey>>()

/** The HMAC key of a `whsec_<base64>` secret, or undefined when the secret is not one (at least 16 bytes). */
export function webhookKey(secret: string | undefined): Promise<CryptoKey> | undefined {
  const match = secret === undefined ? null : SECRET.exec(secret)
  if (!match) return undefined
  let key = keys.get(secret!)
  if (!key) {
    let bytes: Uint8Array
    try {
      bytes = Uint8Array.from(atob(match[1]!), (c) => c.charCodeAt(0))
    } catch {
      return undefined
    }
    if (bytes.length < 16) return undefined
    key = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    if (keys.size >= 8) keys.clear()
    keys.set(secret!, key)
  }
  return key
}

/**
 * Signs a delivery as the Standard Webhooks specification does: HMAC-SHA256 over `${id}.${timestamp}.${body}`
 * with the secret's bytes, sent as `webhook-signature: v1,<base64>` beside `webhook-id` (the same on a retry, so a
 * receiver can drop duplicates) and `webhook-timestamp` (seconds; receivers refuse old ones against replays).
 * @example await signWebhook(key, 'evt_1', 1700000000, '{"id":9}') // { 'webhook-signature': 'v1,...', ... }
 */
export async function signWebhook(
  key: CryptoKey,
  id: string,
  timestamp: number,
  body: string,
): Promise<WebhookSignatureHeaders> {
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`))
  const signature = btoa(String.fromCharCode(...new Uint8Array(mac)))
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` }
}
