import { OUTBOX_TABLE, type OutboxEvent } from '../events/outbox'
import type { Model } from './model'
import type { PayloadShape } from './payload-projection'
import type { SqlDatabase } from './repository'
import type { SqlValue } from './where-clause'

/** An event a write commits with its data: its outbox entry and the payload's shape over the written row. */
export interface WriteEvent {
  readonly outbox: OutboxEvent
  readonly payload: PayloadShape
}

const quote = (name: string) => `"${name}"`

/** The SQL of a payload over the row `w`, as a JSON value (a field read back as its codec decodes it). */
function payloadSql(model: Model, shape: PayloadShape, args: SqlValue[]): string {
  if ('value' in shape) {
    args.push(JSON.stringify(shape.value))
    return 'json(?)'
  }
  if ('field' in shape) {
    const column = `w.${quote((model.columns as Record<string, string>)[shape.field]!)}`
    const kind = (model.codecs as Record<string, Model['codecs'][string]>)[shape.field]?.kind ?? 'plain'
    if (kind === 'boolean')
      return `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} THEN json('true') ELSE json('false') END`
    return kind === 'json' ? `json(${column})` : column
  }
  if ('array' in shape) return `json_array(${shape.array.map((item) => payloadSql(model, item, args)).join(', ')})`
  const entries = shape.object.map(([key, value]) => {
    args.push(key)
    return `?, ${payloadSql(model, value, args)}`
  })
  return `json_object(${entries.join(', ')})`
}

/**
 * The statement that writes a write's events to the outbox, for the write's D1 batch: one row per event, its payload
 * built from `source` (the written row, or one empty row when the write succeeded and left none) and none when
 * `source` is empty (the write changed nothing). Returns each row's id and payload as stored. `source` is
 * materialized first, so what it reads (`last_insert_rowid()`, `changes()`) is the write's, not the outbox's.
 */
export function outboxStatement(
  db: SqlDatabase,
  model: Model,
  events: readonly WriteEvent[],
  source: { readonly sql: string; readonly args: readonly SqlValue[] },
): D1PreparedStatement {
  const args: SqlValue[] = [...source.args]
  const selects = events.map(({ outbox, payload }) => {
    args.push(outbox.id, outbox.name)
    const json = payloadSql(model, payload, args)
    args.push(outbox.requestId ?? null, outbox.createdAt)
    return `SELECT ?, ?, json_quote(${json}), ?, ? FROM w`
  })
  const sql =
    `WITH w AS MATERIALIZED (${source.sql}) ` +
    `INSERT INTO ${quote(OUTBOX_TABLE)} (id, event, payload, request_id, created_at) ${selects.join(' UNION ALL ')} ` +
    'RETURNING id, payload'
  return db.prepare(sql).bind(...args)
}

/** Tells each event its payload as the batch stored it: the outbox statement's result. */
export function committed(events: readonly WriteEvent[], result: D1Result | undefined): void {
  const stored = new Map(
    ((result?.results ?? []) as { id: string; payload: string }[]).map((r) => [r.id, JSON.parse(r.payload)]),
  )
  for (const { outbox } of events) if (stored.has(outbox.id)) outbox.committed(stored.get(outbox.id))
}

/** Runs a write returning one row; with events, in one batch with their outbox rows (one round trip). */
export async function writeWithEvents(
  db: SqlDatabase,
  model: Model,
  write: D1PreparedStatement,
  events: readonly WriteEvent[] | undefined,
  source: { readonly sql: string; readonly args: readonly SqlValue[] },
): Promise<Record<string, unknown> | null> {
  if (!events?.length) return write.first()
  const [written, stored] = await db.batch([write, outboxStatement(db, model, events, source)])
  committed(events, stored)
  return (written!.results[0] as Record<string, unknown> | undefined) ?? null
}
