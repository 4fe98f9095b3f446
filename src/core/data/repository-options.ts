import type { IdempotencyClaim } from './insert-once'
import type { WriteEvent } from './outbox-statement'
import type { Search, SqlValue, Where } from './where-clause'

/** Options of `list` and `find`: filters, a case-insensitive substring search, order and window. */
export interface ListOptions<T> {
  readonly where?: Where<T>
  /** Matches rows where any of `fields` contains `text`; `%` and `_` in the text are literal. */
  readonly search?: Search<T>
  readonly orderBy?: keyof T & string
  readonly descending?: boolean
  readonly limit?: number
  readonly offset?: number
  /**
   * Keyset pagination: only rows after this position in the order, `value` of the `orderBy` field and `key`
   * of the primary key (the tie-breaker). Unlike an offset, rows inserted before the position shift nothing.
   */
  readonly after?: { readonly value: SqlValue; readonly key: SqlValue }
  /** A unique field ordering rows whose sort values are equal; the primary key unless named. */
  readonly tieBreaker?: keyof T & string
}

/** Options of a repository. */
export interface RepositoryOptions {
  /**
   * Told the cache tags each write makes stale: the table, and `table:id` of the changed row. Pass
   * `writeRecorder(ctx)` so the response cache purges what the request changed.
   */
  readonly onWrite?: (tags: readonly string[]) => void
  /** Conditions every statement adds (a parent's id): see `scoped`. */
  readonly scope?: Readonly<Record<string, SqlValue>>
  /** Tags recorded on every write besides the row's own (the parent whose counts a write changes). */
  readonly alsoWrites?: readonly string[]
  /**
   * The request's hold on an Idempotency-Key, read at each write: pass `idempotencyRecord(ctx)` from
   * `edge-api/idempotency` and the request's first insert commits with the key's record (docs/idempotency.md).
   */
  readonly idempotency?: () => IdempotencyClaim | undefined
}

/** Options of writes: the versions an `If-Match` allows (absent: unconditional), and conditions the row must meet. */
export interface WriteOptions {
  readonly versions?: readonly number[]
  /** The row is written only if it also matches these (e.g. `{ revokedAt: null }`); otherwise it counts as missing. */
  readonly where?: Readonly<Record<string, SqlValue>>
  /** Events committed with the write, in its D1 batch (the outbox); none when the write changes nothing. */
  readonly events?: readonly WriteEvent[]
}

/** Options of an insert: the events committed with it, in its D1 batch (the outbox). */
export interface AddOptions {
  readonly events?: readonly WriteEvent[]
}
