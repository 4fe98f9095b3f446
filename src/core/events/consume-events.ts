import { type AnyListener, type EventMessage, indexListeners } from './event'
import { logListenerFailure } from './log-failure'

/** Options of the queue consumer. */
export interface ConsumeEventsOptions {
  readonly listeners: readonly AnyListener[]
  /** The dead-letter queue's name, or a test of a batch's queue name: its messages are logged as lost and acknowledged. */
  readonly deadLetterQueue?: string | ((queue: string) => boolean)
  /** Seconds before a failed delivery is retried; grows with the attempt by default (2, 4, 8, ... up to 300). */
  readonly retryDelay?: (attempt: number) => number
}

const backoff = (attempt: number) => Math.min(2 ** attempt, 300)

/**
 * The Worker's `queue` handler for durable listeners: runs each message's listener, acknowledges it on
 * success and retries it with a back-off on failure; the queue's `max_retries` then moves it to the
 * dead-letter queue, whose messages this handler logs.
 * @example export default { fetch: app.fetch, queue: consumeEvents({ listeners, deadLetterQueue: 'events-dlq' }) }
 */
export function consumeEvents(options: ConsumeEventsOptions) {
  const listeners = indexListeners(options.listeners)
  const retryDelay = options.retryDelay ?? backoff
  const dlq = options.deadLetterQueue
  const isDead = typeof dlq === 'function' ? dlq : (queue: string) => queue === dlq
  return async function queue(batch: MessageBatch<unknown>, env: Cloudflare.Env, ctx: ExecutionContext) {
    const dead = isDead(batch.queue)
    await Promise.all(
      batch.messages.map(async (message) => {
        const body = (message.body ?? {}) as EventMessage
        const listener = listeners.get(`${body.event}/${body.listener}`)
        if (dead || !listener) {
          const why = dead ? 'dead letter: retries exhausted' : 'no such listener'
          logListenerFailure(new Error(why), body.event, body.listener, body.requestId)
          return message.ack()
        }
        try {
          const attempt = message.attempts
          await listener.run(body.payload, {
            env,
            requestId: body.requestId,
            attempt,
            waitUntil: (p) => ctx.waitUntil(p),
          })
          message.ack()
        } catch (e) {
          logListenerFailure(e, body.event, body.listener, body.requestId)
          message.retry({ delaySeconds: retryDelay(message.attempts) })
        }
      }),
    )
  }
}
