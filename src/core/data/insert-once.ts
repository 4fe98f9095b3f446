import { HttpError } from '../kernel/errors'
import type { SqlDatabase } from './repository'

/** The D1 table holding the records (schema/migrations/0009_create_idempotency_records.sql has its DDL). */
export const IDEMPOTENCY_TABLE = 'idempotency_records'

/**
 * A request's hold on an Idempotency-Key, as the `idempotency` plugin hands it to repositories: the first row
 * the request inserts commits together with the key's record, so a retry whose first attempt committed finds that
 * row instead of inserting another.
 */
export interface IdempotencyClaim {
  /** The record's key: the SHA-256 of the caller and the Idempotency-Key. */
  readonly key: string
  readonly fingerprint: string
  /** Epoch milliseconds: the record's end, and now, as the plugin's clock reads them. */
  readonly expiresAt: number
  readonly now: number
  /** Set once an insert carried the record: later inserts of the same request are plain. */
  used?: boolean
  /** Set when an earlier attempt had committed: the insert returned that attempt's row. */
  recovered?: boolean
}

/**
 * What `insertOnce` found: the row it inserted (and the results of the statements that followed it), or the primary
 * key of the row an earlier attempt inserted.
 */
export type InsertOnce =
  | { readonly row: Record<string, unknown>; readonly after: readonly D1Result[] }
  | { readonly committed: number | string }

const T = `"${IDEMPOTENCY_TABLE}"`
// How many other expired records each keyed insert deletes: the table stays near its live size at no extra trip.
const SWEEP = 16
const CLASH = new RegExp(`UNIQUE constraint failed: ${IDEMPOTENCY_TABLE}\\.key`)

/**
 * Inserts a row, the claim's record and the statements `after` (the write's outbox rows) in one D1 batch (one
 * transaction, one round trip). When the record exists
 * (an earlier attempt committed), the batch rolls back and the earlier row's key is returned; another fingerprint
 * is a 422. The record is found through `rowid`, so the table must not be WITHOUT ROWID.
 */
export async function insertOnce(
  db: SqlDatabase,
  insert: D1PreparedStatement,
  target: { readonly name: string; readonly table: string; readonly pk: string },
  claim: IdempotencyClaim,
  after: readonly D1PreparedStatement[] = [],
): Promise<InsertOnce> {
  claim.used = true
  try {
    // The record goes in first: an earlier attempt's record fails the batch before the row's own constraints
    // (a UNIQUE email the earlier attempt took) could answer instead.
    const [, , inserted, , ...rest] = await db.batch([
      db
        .prepare(
          `DELETE FROM ${T} WHERE expires_at <= ? AND (key = ? OR key IN (SELECT key FROM ${T} WHERE expires_at <= ? LIMIT ${SWEEP}))`,
        )
        .bind(claim.now, claim.key, claim.now),
      db
        .prepare(`INSERT INTO ${T} (key, fingerprint, table_name, row_key, expires_at) VALUES (?, ?, ?, '', ?)`)
        .bind(claim.key, claim.fingerprint, target.name, claim.expiresAt),
      insert,
      db
        .prepare(
          `UPDATE ${T} SET row_key = (SELECT ${target.pk} FROM ${target.table} WHERE rowid = last_insert_rowid()) WHERE key = ?`,
        )
        .bind(claim.key),
      // The write's events: after the record's UPDATE, which leaves last_insert_rowid() at the inserted row.
      ...after,
    ])
    return { row: inserted!.results[0] as Record<string, unknown>, after: rest }
  } catch (e) {
    if (!CLASH.test(e instanceof Error ? e.message : String(e))) throw e
  }
  const record = await db
    .prepare(`SELECT fingerprint, table_name AS name, row_key AS committed FROM ${T} WHERE key = ? AND expires_at > ?`)
    .bind(claim.key, claim.now)
    .first<{ fingerprint: string; name: string; committed: number | string }>()
  if (!record) throw new HttpError(409, { detail: 'This Idempotency-Key is being used by another request; retry' })
  if (record.fingerprint !== claim.fingerprint || record.name !== target.name)
    throw new HttpError(422, { detail: 'This Idempotency-Key was used for another request' })
  claim.recovered = true
  return { committed: record.committed }
}
