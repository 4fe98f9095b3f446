import * as v from 'valibot'
import type { WebhookDoc } from '../kernel/callback'
import type { EventKey, Listener } from './event'
import { signWebhook, webhookSecretBytes } from './webhook-signature'

/** Where a webhook goes and what it says about itself in the OpenAPI document's `webhooks`. */
export interface WebhookOptions<T, S extends v.GenericSchema> extends Omit<WebhookDoc, 'body'> {
  /** Names the listener and the webhook (`webhooks.<name>` in the document). */
  readonly name: string
  /** The body sent: the event's payload through this schema (its output), so the document is what is sent. */
  readonly body: S & v.GenericSchema<T>
  /** The receiver's URL, from configuration; the events plugin refuses requests while it is missing. */
  readonly url: (env: Cloudflare.Env) => string | undefined
  /** Who sends the request: global `fetch` by default, or a service binding. */
  readonly fetcher?: (env: Cloudflare.Env) => { fetch(request: Request): Promise<Response> }
  /**
   * The signing secret (`whsec_<base64>`, at least 16 bytes, as Standard Webhooks libraries generate it), from
   * configuration: each delivery then carries `webhook-id`, `webhook-timestamp` and `webhook-signature`, and the
   * document declares them. The events plugin refuses requests while it is missing or malformed.
   */
  readonly secret?: (env: Cloudflare.Env) => string | undefined
}

/** A durable listener that delivers its event to a receiver, and says so in the document. */
export interface WebhookListener<T> extends Listener<T> {
  readonly webhook: WebhookDoc & {
    readonly url: (env: Cloudflare.Env) => string | undefined
    readonly secret?: ((env: Cloudflare.Env) => string | undefined) | undefined
  }
}

/**
 * An outbound webhook: after each `event`, a durable listener POSTs its payload as JSON to the receiver. Any
 * answer but a 2xx throws, so the queue retries it (and dead-letters it when retries run out). Listed in the
 * OpenAPI document's `webhooks` by the `events()` plugin it is registered with.
 * @example webhook(PostCreated, { name: 'postCreated', body: PostCreatedBody, url: (env) => env.PARTNER_HOOK_URL })
 */
export function webhook<T, S extends v.GenericSchema>(
  event: EventKey<T>,
  options: WebhookOptions<T, S>,
): WebhookListener<T> {
  const { name, body, url, fetcher, secret, ...doc } = options
  return {
    event,
    name,
    durable: true,
    webhook: {
      summary: `Sent after each \`${event.name}\` event`,
      ...doc,
      body,
      url,
      ...(secret ? { secret, signed: true } : {}),
    },
    run: async (payload, { env, requestId, eventId }) => {
      const target = url(env)
      if (!target) throw new Error(`Webhook ${name} has no URL in this environment`)
      const json = JSON.stringify(v.parse(body, payload))
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (requestId) headers['x-request-id'] = requestId
      if (secret) {
        const key = webhookSecretBytes(secret(env))
        if (!key) throw new Error(`Webhook ${name} has no valid signing secret (whsec_<base64>) in this environment`)
        // The event's id when it came through the outbox, so every retry of one event carries the same webhook-id.
        const id = `${eventId ?? crypto.randomUUID()}.${name}`
        Object.assign(headers, await signWebhook(key, id, Math.floor(Date.now() / 1000), json))
      }
      const request = new Request(target, { method: 'POST', headers, body: json })
      const response = await (fetcher ? fetcher(env).fetch(request) : fetch(request))
      await response.body?.cancel()
      if (!response.ok) throw new Error(`Webhook ${name} was answered ${response.status}: delivery is retried`)
    },
  }
}

/** Whether a listener is a webhook. */
export const isWebhook = (listener: object): listener is WebhookListener<unknown> => 'webhook' in listener
