import * as v from 'valibot'
import type { QueueTrigger } from '../kernel/trigger'
import { consumer, type QueueMatch } from '../triggers/consumer'
import { indexListeners } from './event'
import { logListenerFailure } from './log-failure'

/** Options of the durable listeners' queue consumers. */
export interface ConsumeEventsOptions {
  readonly listeners: Parameters<typeof indexListeners>[0]
  /** The events queue (by name, names, or a test of the name). */
  readonly queue: QueueMatch
  /** The dead-letter queue the platform moves exhausted messages to: its messages are logged as lost. */
  readonly deadLetterQueue?: QueueMatch
  /** Where a message that is no event message is sent once (then acknowledged); `false` only logs it. */
  readonly deadLetter: ((env: Cloudflare.Env) => Queue<unknown> | undefined) | false
  /** Seconds before a failed delivery is retried; grows with the attempt by default (2, 4, 8, ... up to 300). */
  readonly retryDelay?: (attempt: number) => number
}

/** The body of an event queue message, as `events()` sends it. */
export const EventMessageSchema = v.object({
  event: v.string(),
  listener: v.string(),
  payload: v.unknown(),
  requestId: v.optional(v.string()),
  eventId: v.optional(v.string()),
})

// A request id as the requestId() middleware makes one without a cf-ray: a random UUID.
const EXAMPLE_REQUEST_ID = '3f2b8c1e-4d5a-4e6f-9a7b-1c2d3e4f5a6b'

/**
 * The queue consumers of durable listeners, for `createApp({ triggers })`: each message runs its listener,
 * acknowledged on success and retried with a back-off on failure (the queue's `max_retries` then moves it to the
 * dead-letter queue, whose messages the second consumer logs as lost). A message that is no event message is
 * dead-lettered at once; one for an unknown listener is logged and acknowledged.
 * @example createApp({ triggers: consumeEvents({ listeners, queue: 'events', deadLetterQueue: 'events-dlq', deadLetter: (env) => env.EVENTS_DLQ }), ... })
 */
export function consumeEvents(options: ConsumeEventsOptions): QueueTrigger[] {
  const listeners = indexListeners(options.listeners)
  // Examples of the messages, from the durable listeners whose events declare an example payload.
  const examples = [...listeners.values()]
    .filter((l) => l.durable && l.event.example !== undefined)
    .map((l) => ({ event: l.event.name, listener: l.name, payload: l.event.example, requestId: EXAMPLE_REQUEST_ID }))
  const message = examples.length ? v.pipe(EventMessageSchema, v.metadata({ examples })) : EventMessageSchema
  /** Durable event listeners: one message per listener of an emitted event. */
  const events = consumer(
    {
      name: 'events',
      queue: options.queue,
      message,
      deadLetter: options.deadLetter,
      ...(options.retryDelay ? { retryDelay: options.retryDelay } : {}),
    },
    async (body, { env, attempt, waitUntil, messageId }) => {
      const listener = listeners.get(`${body.event}/${body.listener}`)
      if (!listener) return logListenerFailure(new Error('no such listener'), body.event, body.listener, body.requestId)
      try {
        // Without the outbox the queue message's id stands in: a retry redelivers the same message, with the same id.
        const eventId = body.eventId ?? messageId
        await listener.run(body.payload, { env, requestId: body.requestId, eventId, attempt, waitUntil })
      } catch (e) {
        logListenerFailure(e, body.event, body.listener, body.requestId)
        throw e
      }
    },
  )
  if (!options.deadLetterQueue) return [events]
  /** Event messages whose retries ran out, or that were no event messages: logged as lost. */
  const lost = consumer(
    {
      name: 'events-dead-letters',
      queue: options.deadLetterQueue,
      // What lands here is mostly event messages whose retries ran out.
      message: examples.length ? v.pipe(v.unknown(), v.metadata({ examples: examples.slice(0, 1) })) : v.unknown(),
      // Never forwarded again: this is where forwarded messages end.
      deadLetter: false,
    },
    (body) => {
      const m = v.is(v.object({ event: v.string(), listener: v.string() }), body) ? body : undefined
      const requestId = (body as { requestId?: unknown } | null)?.requestId
      logListenerFailure(
        new Error('dead letter: retries exhausted'),
        m?.event ?? '?',
        m?.listener ?? '?',
        typeof requestId === 'string' ? requestId : undefined,
      )
    },
  )
  return [events, lost]
}
