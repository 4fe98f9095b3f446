import type { RequestContext } from '../kernel/context'
import { requestIdOf } from '../kernel/request-id'
import { collectorOf } from './emit'
import type { EventKey } from './event'

/** The D1 table of the events outbox (schema/migrations/0010_create_event_outbox.sql has its DDL). */
export const OUTBOX_TABLE = 'event_outbox'

/**
 * An event a write commits in its own D1 batch: the repository appends its outbox row to the write's statements and,
 * once the batch committed, tells it the payload as stored; the events plugin then delivers it after the response
 * and deletes the row, and its relay sends any row whose delivery was lost. The id travels with every queue message,
 * so a listener can tell a redelivery from a new event.
 */
export interface OutboxEvent {
  /** Unique per event: the row's key, and `eventId` of each delivery (the same on a redelivery). */
  readonly id: string
  readonly name: string
  readonly requestId: string | undefined
  /** Epoch milliseconds: when the relay may consider its delivery lost. */
  readonly createdAt: number
  /** Called once the write's batch committed, with the payload as the row holds it. */
  committed(payload: unknown): void
}

/**
 * The outbox entry of an event a write is about to make, when the app's `events()` plugin keeps an outbox and the
 * event has a durable listener; undefined otherwise (then emit it after the write, as before).
 * @example const e = outboxEvent(ctx, PostCreated); await repo.add(values, e ? { events: [{ outbox: e, payload }] } : {})
 */
export function outboxEvent(ctx: RequestContext, event: EventKey<unknown>): OutboxEvent | undefined {
  const collector = collectorOf(ctx)
  if (!collector?.outbox?.has(event.name)) return undefined
  const id = crypto.randomUUID()
  return {
    id,
    name: event.name,
    requestId: requestIdOf(ctx),
    createdAt: Date.now(),
    committed: (payload) => void collector.emitted.push({ name: event.name, payload, id }),
  }
}
