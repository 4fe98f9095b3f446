import type { RequestContext } from '../kernel/context'
import { middleware } from '../kernel/middleware'
import type { Plugin } from '../kernel/plugin'
import { requestIdOf } from '../kernel/request-id'
import { type ConsumeEventsOptions, consumeEvents } from './consume-events'
import { collectEvents } from './emit'
import { type AnyListener, type EventMessage, indexListeners, type RunnableListener } from './event'
import { logListenerFailure } from './log-failure'
import { isWebhook } from './webhook'

/** Options of the event bus. */
export interface EventsOptions<Env = Cloudflare.Env> {
  readonly listeners: readonly AnyListener[]
  /** The Queue durable listeners go through; required when any listener is durable. */
  readonly queue?: (env: Env) => Queue<EventMessage>
  /** Consume that queue in this app: the plugin then runs `consumeEvents` of its listeners as its triggers. */
  readonly consume?: Omit<ConsumeEventsOptions, 'listeners'>
}

/**
 * The app's event bus: collects what handlers `emit`, and after a successful response runs each event's
 * listeners through `ctx.waitUntil` (a failing one is logged and affects neither the others nor the
 * response) and sends one Queue message per durable listener.
 * A plugin: its middleware runs after the app's own; with `consume`, it also runs the queue's consumers.
 * @example createApp({ plugins: [events({ listeners: [welcome], queue: (env) => env.EVENTS })], handlers })
 * @example events({ listeners, queue: (env) => env.EVENTS, consume: { queue: 'events', deadLetter: (env) => env.EVENTS_DLQ } })
 */
export function events<Env = Cloudflare.Env>(options: EventsOptions<Env>): Plugin {
  const byEvent = new Map<string, RunnableListener[]>()
  for (const l of indexListeners(options.listeners).values())
    byEvent.set(l.event.name, [...(byEvent.get(l.event.name) ?? []), l])
  const { queue } = options
  const durable = [...byEvent.values()].flat().find((l) => l.durable)
  if (durable && !queue) throw new Error(`Listener "${durable.name}" is durable, but events() has no queue`)

  const dispatch = async (ctx: RequestContext, emitted: { name: string; payload: unknown }[]) => {
    const requestId = requestIdOf(ctx)
    const listenerCtx = { env: ctx.env, requestId, attempt: 1, waitUntil: (p: Promise<unknown>) => ctx.waitUntil(p) }
    const messages: MessageSendRequest<EventMessage>[] = []
    const runs: Promise<unknown>[] = []
    for (const { name, payload } of emitted) {
      for (const l of byEvent.get(name) ?? []) {
        if (l.durable) messages.push({ body: { event: name, listener: l.name, payload, requestId } })
        else
          runs.push(
            (async () => l.run(payload, listenerCtx))().catch((e) => logListenerFailure(e, name, l.name, requestId)),
          )
      }
    }
    // A Queue batch holds at most 100 messages; a failed send is tried once more before it is logged as lost.
    for (let i = 0; queue && i < messages.length; i += 100) {
      const batch = messages.slice(i, i + 100)
      const send = async () => queue(ctx.env as Env).sendBatch(batch)
      runs.push(
        send()
          .catch(send)
          .catch((e) => logListenerFailure(e, 'queue', 'sendBatch', requestId)),
      )
    }
    await Promise.all(runs)
  }

  const collect = middleware({ name: 'events' }, async function events(ctx, next) {
    const emitted = collectEvents(ctx)
    const response = await next()
    if (emitted.length && response.status < 400) ctx.waitUntil(dispatch(ctx, emitted))
    return response
  })
  const webhooks = options.listeners.filter(isWebhook)
  // Fail closed: a webhook without its receiver's URL would only fail in the queue, after the response said yes.
  const requires = (env: Cloudflare.Env) => [
    ...(queue && !queue(env as Env) ? ['the events Queue binding'] : []),
    ...webhooks.filter((w) => !w.webhook.url(env)).map((w) => `the URL of webhook ${w.name}`),
  ]
  return {
    name: 'events',
    options: { emits: 'union' },
    middleware: [collect],
    ...(queue ? { requires } : {}),
    ...(webhooks.length
      ? { webhooks: Object.fromEntries(webhooks.map(({ name, webhook: { url: _, ...doc } }) => [name, doc])) }
      : {}),
    ...(options.consume ? { triggers: consumeEvents({ ...options.consume, listeners: options.listeners }) } : {}),
  }
}
