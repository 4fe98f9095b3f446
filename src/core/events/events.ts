import type { RequestContext } from '../kernel/context'
import { middleware } from '../kernel/middleware'
import type { Plugin } from '../kernel/plugin'
import { requestIdOf } from '../kernel/request-id'
import { type ConsumeEventsOptions, consumeEvents } from './consume-events'
import { collectEvents, type EmittedEvents } from './emit'
import { type AnyListener, type EventMessage, indexListeners, type RunnableListener } from './event'
import { logListenerFailure } from './log-failure'
import { acknowledge, messagesOf, type OutboxOptions, outboxRelay, sendAll } from './outbox-relay'
import { isWebhook } from './webhook'
import { webhookSecretBytes } from './webhook-signature'

/** Options of the event bus. */
export interface EventsOptions<Env = Cloudflare.Env> {
  readonly listeners: readonly AnyListener[]
  /** The Queue durable listeners go through; required when any listener is durable. */
  readonly queue?: (env: Env) => Queue<EventMessage>
  /** Consume that queue in this app: the plugin then runs `consumeEvents` of its listeners as its triggers. */
  readonly consume?: Omit<ConsumeEventsOptions, 'listeners'>
  /**
   * Keep an outbox: a repository write that emits an event with a durable listener commits the event's row in its
   * own D1 batch, delivery after the response reads the payload as stored and deletes the row, and a cron relay sends
   * rows whose delivery was lost. Needs `queue`.
   */
  readonly outbox?: OutboxOptions<Env>
}

/**
 * The app's event bus: collects what handlers `emit`, and after a successful response runs each event's
 * listeners through `ctx.waitUntil` (a failing one is logged and affects neither the others nor the
 * response) and sends one Queue message per durable listener. With `outbox`, events that writes committed in their
 * batch are delivered whatever the response (the data is in), then deleted from the outbox; the relay job sends
 * what was not.
 * A plugin: its middleware runs after the app's own; with `consume`, it also runs the queue's consumers.
 * @example createApp({ plugins: [events({ listeners: [welcome], queue: (env) => env.EVENTS })], handlers })
 * @example events({ listeners, queue: (env) => env.EVENTS, outbox: { database: (env) => env.DB, relay: '0 * * * *' } })
 */
export function events<Env = Cloudflare.Env>(options: EventsOptions<Env>): Plugin {
  const byEvent = new Map<string, RunnableListener[]>()
  for (const l of indexListeners(options.listeners).values())
    byEvent.set(l.event.name, [...(byEvent.get(l.event.name) ?? []), l])
  const { queue, outbox } = options
  const durable = [...byEvent.values()].flat().find((l) => l.durable)
  if (durable && !queue) throw new Error(`Listener "${durable.name}" is durable, but events() has no queue`)
  if (outbox && !queue) throw new Error('events(): an outbox needs the queue its rows are delivered to')
  const durableOf = (name: string) => (byEvent.get(name) ?? []).filter((l) => l.durable)
  // Only events with a durable listener are worth a row: the others' listeners run now or never, as before.
  const kept = outbox ? new Set([...byEvent.keys()].filter((name) => durableOf(name).length)) : undefined

  const dispatch = async (ctx: RequestContext, emitted: EmittedEvents, succeeded: boolean) => {
    const requestId = requestIdOf(ctx)
    const listenerCtx = { env: ctx.env, requestId, attempt: 1, waitUntil: (p: Promise<unknown>) => ctx.waitUntil(p) }
    const messages: MessageSendRequest<EventMessage>[] = []
    const runs: Promise<unknown>[] = []
    const stored: string[] = []
    for (const e of emitted) {
      // A failed request announces nothing, except what its writes committed.
      if (!succeeded && !e.id) continue
      if (e.id) stored.push(e.id)
      const eventCtx = { ...listenerCtx, eventId: e.id }
      for (const l of byEvent.get(e.name) ?? []) {
        if (l.durable) messages.push(...messagesOf([l], e, requestId))
        else
          runs.push(
            (async () => l.run(e.payload, eventCtx))().catch((err) =>
              logListenerFailure(err, e.name, l.name, requestId),
            ),
          )
      }
    }
    if (queue && messages.length)
      runs.push(
        sendAll(queue(ctx.env as Env), messages, requestId).then(async (sent) => {
          // A row whose messages were not all sent stays for the relay.
          if (sent && outbox && stored.length)
            await acknowledge(outbox.database(ctx.env as Env), stored).catch((err) =>
              logListenerFailure(err, 'outbox', 'acknowledge', requestId),
            )
        }),
      )
    await Promise.all(runs)
  }

  const collect = middleware({ name: 'events' }, async function events(ctx, next) {
    const { emitted } = collectEvents(ctx, kept)
    const response = await next()
    if (emitted.length) ctx.waitUntil(dispatch(ctx, emitted, response.status < 400))
    return response
  })
  const webhooks = options.listeners.filter(isWebhook)
  // Fail closed: a webhook without its receiver's URL would only fail in the queue, after the response said yes.
  const requires = (env: Cloudflare.Env) => [
    ...(queue && !queue(env as Env) ? ['the events Queue binding'] : []),
    ...(outbox && !outbox.database(env as Env) ? ['the events outbox D1 binding'] : []),
    ...webhooks.filter((w) => !w.webhook.url(env)).map((w) => `the URL of webhook ${w.name}`),
    ...webhooks
      .filter((w) => w.webhook.secret && !webhookSecretBytes(w.webhook.secret(env)))
      .map((w) => `the signing secret of webhook ${w.name} (whsec_<base64>)`),
  ]
  const triggers = [
    ...(options.consume ? consumeEvents({ ...options.consume, listeners: options.listeners }) : []),
    ...(outbox && queue ? [outboxRelay(outbox, queue, durableOf)] : []),
  ]
  return {
    name: 'events',
    options: { emits: 'union' },
    middleware: [collect],
    ...(queue ? { requires } : {}),
    ...(webhooks.length
      ? {
          webhooks: Object.fromEntries(
            webhooks.map(({ name, webhook: { url: _, secret: __, ...doc } }) => [name, doc]),
          ),
        }
      : {}),
    ...(triggers.length ? { triggers } : {}),
  }
}
