import { conflict, preconditionFailed } from '../kernel/errors'
import { constraintError } from './constraint-error'
import { insertOnce } from './insert-once'
import type { InsertOf, Model, RowOf } from './model'
import { committed, outboxStatement, writeWithEvents } from './outbox-statement'
import type { AddOptions, ListOptions, RepositoryOptions, WriteOptions } from './repository-options'
import { decodeRow, encodeValue, encodeWhere, withDefaults } from './row-codec'
import { type SqlValue, type Where, whereClause } from './where-clause'

/** What a repository runs statements on: a D1 database, or a D1 session (read replicas). */
export type SqlDatabase = Pick<D1Database, 'prepare' | 'batch'>

export type { AddOptions, ListOptions, RepositoryOptions, WriteOptions } from './repository-options'

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`
const quote = (name: string) => `"${name}"`

/**
 * A generic, typed repository over one D1 table: every statement is parameterized, identifiers come only
 * from the model, and constraint failures become 409/422. Construct it per request from `env.DB`; with
 * `onWrite: writeRecorder(ctx)` every write purges the cache entries tagged with its table or its row.
 * @example provide(Widgets, (ctx) => new Repository(ctx.env.DB, Widget, { onWrite: writeRecorder(ctx) }))
 */
export class Repository<M extends Model> {
  private readonly table: string
  private readonly pk: string

  constructor(
    readonly db: SqlDatabase,
    readonly model: M,
    private readonly options: RepositoryOptions = {},
  ) {
    this.table = quote(model.table)
    this.pk = this.column(model.primaryKey)
  }

  /**
   * The same repository narrowed to the rows matching `scope` (a parent's id): get, list, update and delete add
   * the condition to their SQL, so a row of another parent is never read or changed; add fills it in.
   * @example const comments = repo.scoped({ postId: 5 }, ['posts:5']); await comments.delete(9) // false unless comment 9 is post 5's
   */
  scoped(scope: Where<RowOf<M>>, alsoWrites: readonly string[] = []): Repository<M> {
    for (const field of Object.keys(scope)) this.column(field)
    return new Repository(this.db, this.model, {
      ...this.options,
      scope: { ...this.options.scope, ...(scope as Record<string, SqlValue>) },
      alsoWrites: [...(this.options.alsoWrites ?? []), ...alsoWrites],
    })
  }

  /** The row with this primary key (within the scope), or undefined. */
  async get(id: number | string): Promise<RowOf<M> | undefined> {
    const s = this.scopeSql()
    const row = await this.db
      .prepare(`SELECT * FROM ${this.table} WHERE ${this.pk} = ?${s.sql}`)
      .bind(id, ...s.args)
      .first()
    return row ? decodeRow(this.model, row) : undefined
  }

  /** The first row matching every filter, or undefined. */
  async getOneBy(where: Where<RowOf<M>>): Promise<RowOf<M> | undefined> {
    const w = this.where({ where })
    const row = await this.db
      .prepare(`SELECT * FROM ${this.table}${w.sql} ORDER BY ${this.pk} LIMIT 1`)
      .bind(...w.args)
      .first()
    return row ? decodeRow(this.model, row) : undefined
  }

  /** One window of matching rows and how many match in all, read in one batch (one snapshot). */
  async list(options: ListOptions<RowOf<M>> = {}): Promise<{ items: RowOf<M>[]; total: number }> {
    const w = this.where(options)
    const [rows, count] = await this.db.batch([
      this.select(options),
      this.db.prepare(`SELECT count(*) AS n FROM ${this.table}${w.sql}`).bind(...w.args),
    ])
    const total = (count!.results[0] as { n: number } | undefined)?.n ?? 0
    return { items: (rows!.results as Record<string, unknown>[]).map((r) => decodeRow(this.model, r)), total }
  }

  /** One window of matching rows, without counting them all: what keyset (cursor) pages read. */
  async find(options: ListOptions<RowOf<M>> = {}): Promise<RowOf<M>[]> {
    const { results } = await this.select(options).all()
    return (results as Record<string, unknown>[]).map((r) => decodeRow(this.model, r))
  }

  /** The SELECT of a window: the tie-breaker (primary key) orders rows whose sort values are equal. */
  private select(options: ListOptions<RowOf<M>>): D1PreparedStatement {
    const w = this.where(options)
    const sort = this.column(options.orderBy ?? this.model.primaryKey)
    const tie = options.tieBreaker ? this.column(options.tieBreaker) : this.pk
    const direction = options.descending ? 'DESC' : 'ASC'
    const clauses = [...w.clauses]
    const args = [...w.args]
    if (options.after) {
      const value = encodeValue(this.model, options.orderBy ?? this.model.primaryKey, options.after.value)
      const key = encodeValue(this.model, options.tieBreaker ?? this.model.primaryKey, options.after.key)
      const cmp = options.descending ? '<' : '>'
      if (sort === tie) clauses.push(`${tie} ${cmp} ?`)
      else clauses.push(`(${sort} ${cmp} ? OR (${sort} = ? AND ${tie} ${cmp} ?))`)
      args.push(...(sort === tie ? [key] : [value, value, key]))
    }
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''
    const order = sort === tie ? `${sort} ${direction}` : `${sort} ${direction}, ${tie} ${direction}`
    return this.db
      .prepare(`SELECT * FROM ${this.table}${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .bind(...args, options.limit ?? -1, options.offset ?? 0)
  }

  /** How many rows match. */
  async count(where: Where<RowOf<M>> = {}): Promise<number> {
    const w = this.where({ where })
    const row = await this.db
      .prepare(`SELECT count(*) AS n FROM ${this.table}${w.sql}`)
      .bind(...w.args)
      .first<{ n: number }>()
    return row?.n ?? 0
  }

  /** Whether any row matches. */
  async exists(where: Where<RowOf<M>>): Promise<boolean> {
    const w = this.where({ where })
    const row = await this.db
      .prepare(`SELECT 1 AS x FROM ${this.table}${w.sql} LIMIT 1`)
      .bind(...w.args)
      .first()
    return row !== null
  }

  /**
   * Inserts a row and returns it as stored; a UNIQUE clash is 409, a missing referenced row 422. Under an
   * Idempotency-Key whose earlier attempt committed, returns that attempt's row instead of inserting another.
   */
  async add(values: InsertOf<M>, options: AddOptions = {}): Promise<RowOf<M>> {
    const entries = this.writable(
      withDefaults(this.model, { ...(values as Record<string, unknown>), ...this.options.scope }),
    )
    const cols = entries.map(([c]) => c).join(', ')
    const marks = entries.map(() => '?').join(', ')
    const sql = entries.length
      ? `INSERT INTO ${this.table} (${cols}) VALUES (${marks}) RETURNING *`
      : `INSERT INTO ${this.table} DEFAULT VALUES RETURNING *`
    const insert = this.db.prepare(sql).bind(...entries.map(([, v]) => v))
    const claim = this.options.idempotency?.()
    const target = { name: this.model.table, table: this.table, pk: this.pk }
    const events = options.events?.length ? options.events : undefined
    const source = { sql: `SELECT * FROM ${this.table} WHERE rowid = last_insert_rowid()`, args: [] }
    const outbox = events && outboxStatement(this.db, this.model, events, source)
    const after = outbox ? [outbox] : []
    const once =
      claim && !claim.used ? await this.run(() => insertOnce(this.db, insert, target, claim, after)) : undefined
    // The attempt that committed also committed its events: this answer announces nothing again.
    if (once && 'committed' in once) {
      const row =
        (await this.get(once.committed)) ?? conflict('The resource this Idempotency-Key created no longer exists')
      // The attempt that committed may have failed before its purges ran: this answer makes them.
      this.wrote(once.committed)
      return row
    }
    let row = once?.row
    if (once) committed(events ?? [], once.after[0])
    else if (outbox) {
      const [inserted, stored] = await this.run(() => this.db.batch([insert, outbox]))
      row = inserted!.results[0] as Record<string, unknown>
      committed(events!, stored)
    } else row = (await this.run(() => insert.first()))!
    const added = decodeRow(this.model, row!)
    this.wrote((added as Record<string, unknown>)[this.model.primaryKey])
    return added
  }

  /**
   * Updates the given fields in one statement, bumping the version and `updatedAt`; returns the new row,
   * or undefined when there is no such row. With `versions`, a row at another version is a 412: the
   * check and the write are one statement, so two clients cannot both win.
   */
  async update(
    id: number | string,
    values: Partial<InsertOf<M>>,
    options: WriteOptions = {},
  ): Promise<RowOf<M> | undefined> {
    // A scoped row stays with its parent: the scope's fields are not writable through it.
    const scope = this.options.scope ?? {}
    const entries = this.writable(values as Record<string, unknown>).filter(
      ([c]) => !Object.keys(scope).some((f) => this.column(f) === c),
    )
    const sets = entries.map(([c]) => `${c} = ?`)
    const { version, updatedAt } = this.model
    if (version) sets.push(`${this.column(version)} = ${this.column(version)} + 1`)
    if (updatedAt) sets.push(`${this.column(updatedAt)} = ${NOW}`)
    if (!sets.length) return this.get(id)
    const guard = this.versionGuard(options)
    const s = this.scopeSql(options.where)
    const sql = `UPDATE ${this.table} SET ${sets.join(', ')} WHERE ${this.pk} = ?${s.sql}${guard.sql} RETURNING *`
    const statement = this.db.prepare(sql).bind(...entries.map(([, v]) => v), id, ...s.args, ...guard.args)
    const row = await this.run(() =>
      writeWithEvents(this.db, this.model, statement, options.events, {
        sql: `SELECT * FROM ${this.table} WHERE ${this.pk} = ? AND changes() > 0`,
        args: [id],
      }),
    )
    if (row) {
      this.wrote(id)
      return decodeRow(this.model, row)
    }
    return this.missingOrStale(id, options)
  }

  /** Deletes a row; false when there was none. With `versions`, a row at another version is a 412. */
  async delete(id: number | string, options: WriteOptions = {}): Promise<boolean> {
    const guard = this.versionGuard(options)
    const s = this.scopeSql(options.where)
    const statement = this.db
      .prepare(`DELETE FROM ${this.table} WHERE ${this.pk} = ?${s.sql}${guard.sql} RETURNING ${this.pk}`)
      .bind(id, ...s.args, ...guard.args)
    // The row is gone: a deletion's events carry fixed payloads, written when the DELETE removed a row.
    const row = await this.run(() =>
      writeWithEvents(this.db, this.model, statement, options.events, {
        sql: 'SELECT 1 WHERE changes() > 0',
        args: [],
      }),
    )
    if (row) {
      this.wrote(id)
      return true
    }
    return (await this.missingOrStale(id, options)) !== undefined
  }

  private wrote(id: unknown): void {
    this.options.onWrite?.([this.model.table, `${this.model.table}:${String(id)}`, ...(this.options.alsoWrites ?? [])])
  }

  /** The scope's conditions, to append after another condition. */
  private scopeSql(extra?: Readonly<Record<string, SqlValue>>): { sql: string; args: SqlValue[] } {
    const where = extra ? { ...extra, ...this.options.scope } : this.options.scope
    const w = whereClause({ where: encodeWhere(this.model, where) }, (field) => this.column(field))
    return { sql: w.clauses.map((c) => ` AND ${c}`).join(''), args: w.args }
  }

  private async missingOrStale(id: number | string, options: WriteOptions): Promise<undefined> {
    if (options.versions && (await this.get(id))) preconditionFailed('The resource has changed since you read it')
    return undefined
  }

  private versionGuard(options: WriteOptions): { sql: string; args: number[] } {
    const versions = options.versions
    if (!versions || !this.model.version) return { sql: '', args: [] }
    if (!versions.length) return { sql: ' AND 0', args: [] }
    return {
      sql: ` AND ${this.column(this.model.version)} IN (${versions.map(() => '?').join(', ')})`,
      args: [...versions],
    }
  }

  private async run<T>(statement: () => Promise<T>): Promise<T> {
    try {
      return await statement()
    } catch (e) {
      throw constraintError(e, this.model) ?? e
    }
  }

  /** Column/value pairs a caller may write: known, not generated, defined. */
  private writable(values: Record<string, unknown>): [string, SqlValue][] {
    const generated = new Set<string>(this.model.generated)
    const out: [string, SqlValue][] = []
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined || generated.has(field)) continue
      out.push([this.column(field), encodeValue(this.model, field, value)])
    }
    return out
  }

  private column(field: string): string {
    const name = (this.model.columns as Record<string, string>)[field]
    if (!name) throw new Error(`${this.model.table} has no field "${field}"`)
    return quote(name)
  }

  private where(options: ListOptions<RowOf<M>>): { sql: string; args: SqlValue[]; clauses: string[] } {
    // The scope wins over a caller's filter on the same field: a scoped list never leaves its parent.
    const where = this.options.scope ? { ...options.where, ...this.options.scope } : options.where
    return whereClause({ where: encodeWhere(this.model, where) as Where<RowOf<M>>, search: options.search }, (field) =>
      this.column(field),
    )
  }
}
