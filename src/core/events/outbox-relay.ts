import { cron, type Job } from '../triggers/cron'
import type { EventMessage, RunnableListener } from './event'
import { logListenerFailure } from './log-failure'
import { OUTBOX_TABLE } from './outbox'

/** Where the outbox lives and how its lost deliveries are relayed: the `outbox` option of `events()`. */
export interface OutboxOptions<Env = Cloudflare.Env> {
  /** The D1 database the repositories write to: the outbox table is in it (migration 0010). */
  readonly database: (env: Env) => D1Database
  /** The relay's cron schedule (list it in wrangler.toml's `[triggers] crons`). */
  readonly relay: string
  /** Seconds after its write before the relay takes a row's delivery as lost and sends it again (default 60). */
  readonly after?: number
}

const T = `"${OUTBOX_TABLE}"`
// A Queue batch holds at most 100 messages; one relay run reads at most this many pages of rows.
const PAGE = 100
const PAGES = 10

/** Sends messages in Queue batches of 100, each tried twice; false when any batch could not be sent. */
export async function sendAll(
  queue: Queue<EventMessage>,
  messages: readonly MessageSendRequest<EventMessage>[],
  requestId: string | undefined,
): Promise<boolean> {
  let sent = true
  for (let i = 0; i < messages.length; i += PAGE) {
    const batch = messages.slice(i, i + PAGE)
    const send = async () => queue.sendBatch(batch)
    await send()
      .catch(send)
      .catch((e) => {
        sent = false
        logListenerFailure(e, 'queue', 'sendBatch', requestId)
      })
  }
  return sent
}

/** Deletes delivered outbox rows, in one statement. */
export async function acknowledge(db: D1Database, ids: readonly string[]): Promise<void> {
  if (!ids.length) return
  await db
    .prepare(`DELETE FROM ${T} WHERE id IN (${ids.map(() => '?').join(', ')})`)
    .bind(...ids)
    .run()
}

/** The queue messages of one event: one per durable listener, each carrying the event's id. */
export const messagesOf = (
  durable: readonly RunnableListener[],
  event: { readonly name: string; readonly payload: unknown; readonly id?: string },
  requestId: string | undefined,
): MessageSendRequest<EventMessage>[] =>
  durable.map((l) => ({
    body: { event: event.name, listener: l.name, payload: event.payload, requestId, eventId: event.id },
  }))

/**
 * The outbox relay, a cron job: sends the rows older than `after` (their delivery after the response was lost: the
 * isolate ended, the queue refused twice) to their durable listeners again, then deletes them. At least once: a row
 * whose first delivery went through but whose deletion did not is sent twice, and listeners tell by `eventId`.
 */
export function outboxRelay<Env>(
  options: OutboxOptions<Env>,
  queue: (env: Env) => Queue<EventMessage>,
  durableOf: (event: string) => readonly RunnableListener[],
): Job {
  const after = (options.after ?? 60) * 1000
  /** Sends the outbox rows whose delivery after the response was lost */
  const relay = cron(options.relay, { name: 'events-outbox-relay' }, async ({ env, runId }) => {
    const db = options.database(env as Env)
    let relayed = 0
    for (let page = 0; page < PAGES; page++) {
      const { results } = await db
        .prepare(`SELECT id, event, payload, request_id FROM ${T} WHERE created_at <= ? ORDER BY created_at LIMIT ?`)
        .bind(Date.now() - after, PAGE)
        .all<{ id: string; event: string; payload: string; request_id: string | null }>()
      const messages = results.flatMap((r) =>
        messagesOf(
          durableOf(r.event),
          { name: r.event, payload: JSON.parse(r.payload), id: r.id },
          r.request_id ?? undefined,
        ),
      )
      // Rows stay when a send failed: the next run tries them again.
      if (!(await sendAll(queue(env as Env), messages, runId))) break
      await acknowledge(
        db,
        results.map((r) => r.id),
      )
      relayed += results.length
      if (results.length < PAGE) break
    }
    return { relayed }
  })
  return relay
}
