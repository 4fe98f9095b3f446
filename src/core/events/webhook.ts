import * as v from 'valibot'
import type { WebhookDoc } from '../kernel/callback'
import type { EventKey, Listener } from './event'

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
}

/** A durable listener that delivers its event to a receiver, and says so in the document. */
export interface WebhookListener<T> extends Listener<T> {
  readonly webhook: WebhookDoc & { readonly url: (env: Cloudflare.Env) => string | undefined }
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
  const { name, body, url, fetcher, ...doc } = options
  return {
    event,
    name,
    durable: true,
    webhook: { summary: `Sent after each \`${event.name}\` event`, ...doc, body, url },
    run: async (payload, { env, requestId }) => {
      const target = url(env)
      if (!target) throw new Error(`Webhook ${name} has no URL in this environment`)
      const request = new Request(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
        body: JSON.stringify(v.parse(body, payload)),
      })
      const response = await (fetcher ? fetcher(env).fetch(request) : fetch(request))
      await response.body?.cancel()
      if (!response.ok) throw new Error(`Webhook ${name} was answered ${response.status}: delivery is retried`)
    },
  }
}

/** Whether a listener is a webhook. */
export const isWebhook = (listener: object): listener is WebhookListener<unknown> => 'webhook' in listener
