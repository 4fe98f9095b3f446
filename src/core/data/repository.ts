import { conflict, preconditionFailed } from '../kernel/errors'
import { constraintError } from './constraint-error'
import { insertOnce } from './insert-once'
import type { InsertOf, Model, RowOf } from './model'
import { committed, outboxStatement, writeWithEvents } from './outbox-statement'
import type { AddOptions, ListOptions, RepositoryOptions, WriteOptions } from './repository-options'
import { decodeRow, encodeValue, withDefaults } from './row-codec'
import { type SqlValue, type Where, whereClause } from './where-clause'

/** What a repository runs statements on: a D1 database, or a D1 session (read replicas). */
export type SqlDatabase = Pick<D1Database, 'prepare' | 'batch'>

export type { AddOptions, ListOptions, RepositoryOptions, WriteOptions } from './repository-options'

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`
const quote = (name: string) => `"${name}"`
const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ')

/** Conditions of a statement, and the values they bind. */
type Conditions = { clauses: string[]; args: SqlValue[] }
const whereSql = (w: Conditions) => (w.clauses.length ? ` WHERE ${w.clauses.join(' AND ')}` : '')

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
    const w = this.byId(id)
    return this.first(`SELECT * FROM ${this.table}${whereSql(w)}`, w.args)
  }

  /** The first row matching every filter, or undefined. */
  async getOneBy(where: Where<RowOf<M>>): Promise<RowOf<M> | undefined> {
    const w = this.where({ where })
    return this.first(`SELECT * FROM ${this.table}${whereSql(w)} ORDER BY ${this.pk} LIMIT 1`, w.args)
  }

  /** One window of matching rows and how many match in all, read in one batch (one snapshot). */
  async list(options: ListOptions<RowOf<M>> = {}): Promise<{ items: RowOf<M>[]; total: number }> {
    const [rows, count] = await this.db.batch([this.select(options), this.counting(this.where(options))])
    return { items: this.decoded(rows!), total: (count!.results[0] as { n: number } | undefined)?.n ?? 0 }
  }

  /** One window of matching rows, without counting them all: what keyset (cursor) pages read. */
  async find(options: ListOptions<RowOf<M>> = {}): Promise<RowOf<M>[]> {
    return this.decoded(await this.select(options).all())
  }

  /** The SELECT of a window: the tie-breaker (primary key) orders rows whose sort values are equal. */
  private select(options: ListOptions<RowOf<M>>): D1PreparedStatement {
    const w = this.where(options)
    const { orderBy = this.model.primaryKey, tieBreaker = this.model.primaryKey } = options
    const sort = this.column(orderBy)
    const tie = this.column(tieBreaker)
    const direction = options.descending ? 'DESC' : 'ASC'
    if (options.after) {
      const value = encodeValue(this.model, orderBy, options.after.value)
      const key = encodeValue(this.model, tieBreaker, options.after.key)
      const cmp = options.descending ? '<' : '>'
      if (sort === tie) w.clauses.push(`${tie} ${cmp} ?`)
      else w.clauses.push(`(${sort} ${cmp} ? OR (${sort} = ? AND ${tie} ${cmp} ?))`)
      w.args.push(...(sort === tie ? [key] : [value, value, key]))
    }
    const order = sort === tie ? `${sort} ${direction}` : `${sort} ${direction}, ${tie} ${direction}`
    return this.statement(`SELECT * FROM ${this.table}${whereSql(w)} ORDER BY ${order} LIMIT ? OFFSET ?`, [
      ...w.args,
      options.limit ?? -1,
      options.offset ?? 0,
    ])
  }

  /** How many rows match. */
  async count(where: Where<RowOf<M>> = {}): Promise<number> {
    return (await this.counting(this.where({ where })).first<{ n: number }>())?.n ?? 0
  }

  /** Whether any row matches. */
  async exists(where: Where<RowOf<M>>): Promise<boolean> {
    const w = this.where({ where })
    return (await this.statement(`SELECT 1 AS x FROM ${this.table}${whereSql(w)} LIMIT 1`, w.args).first()) !== null
  }

  /**
   * Inserts a row and returns it as stored; a UNIQUE clash is 409, a missing referenced row 422. Under an
   * Idempotency-Key whose earlier attempt committed, returns that attempt's row instead of inserting another.
   */
  async add(values: InsertOf<M>, options: AddOptions = {}): Promise<RowOf<M>> {
    const entries = this.writable(
      withDefaults(this.model, { ...(values as Record<string, unknown>), ...this.options.scope }),
    )
    const sql = entries.length
      ? `INSERT INTO ${this.table} (${entries.map(([c]) => c).join(', ')}) VALUES (${marks(entries)}) RETURNING *`
      : `INSERT INTO ${this.table} DEFAULT VALUES RETURNING *`
    const insert = this.statement(
      sql,
      entries.map(([, v]) => v),
    )
    const events = options.events
    const source = { sql: `SELECT * FROM ${this.table} WHERE rowid = last_insert_rowid()`, args: [] }
    const claim = this.options.idempotency?.()
    let row: Record<string, unknown> | null
    if (claim && !claim.used) {
      const after = events?.length ? [outboxStatement(this.db, this.model, events, source)] : []
      const target = { name: this.model.table, table: this.table, pk: this.pk }
      const once = await this.run(() => insertOnce(this.db, insert, target, claim, after))
      // The attempt that committed also committed its events: this answer announces nothing again.
      if ('committed' in once) {
        const earlier =
          (await this.get(once.committed)) ?? conflict('The resource this Idempotency-Key created no longer exists')
        // The attempt that committed may have failed before its purges ran: this answer makes them.
        this.wrote(once.committed)
        return earlier
      }
      if (events) committed(events, once.after[0])
      row = once.row
    } else row = await this.run(() => writeWithEvents(this.db, this.model, insert, events, source))
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
    const entries = this.writable(values as Record<string, unknown>, this.options.scope)
    const sets = entries.map(([c]) => `${c} = ?`)
    const { version, updatedAt } = this.model
    if (version) sets.push(`${this.column(version)} = ${this.column(version)} + 1`)
    if (updatedAt) sets.push(`${this.column(updatedAt)} = ${NOW}`)
    if (!sets.length) return this.get(id)
    const w = this.target(id, options)
    const statement = this.statement(`UPDATE ${this.table} SET ${sets.join(', ')}${whereSql(w)} RETURNING *`, [
      ...entries.map(([, v]) => v),
      ...w.args,
    ])
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
    const w = this.target(id, options)
    const statement = this.statement(`DELETE FROM ${this.table}${whereSql(w)} RETURNING ${this.pk}`, w.args)
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

  private async missingOrStale(id: number | string, options: WriteOptions): Promise<undefined> {
    if (options.versions && (await this.get(id))) preconditionFailed('The resource has changed since you read it')
    return undefined
  }

  /**
   * The conditions of a write to one row: its key, the scope and `where`, and with `versions` (when the model has a
   * version) the versions an If-Match allows.
   */
  private target(id: number | string, options: WriteOptions): Conditions {
    const w = this.byId(id, options.where)
    const { versions } = options
    if (versions && this.model.version) {
      w.clauses.push(versions.length ? `${this.column(this.model.version)} IN (${marks(versions)})` : '0')
      w.args.push(...versions)
    }
    return w
  }

  private async run<T>(statement: () => Promise<T>): Promise<T> {
    try {
      return await statement()
    } catch (e) {
      throw constraintError(e, this.model) ?? e
    }
  }

  /** Column/value pairs a caller may write: known, not generated, not in `except` (the scope's fields), defined. */
  private writable(values: Record<string, unknown>, except: object = {}): [string, SqlValue][] {
    const generated = this.model.generated as readonly string[]
    const out: [string, SqlValue][] = []
    for (const [field, value] of Object.entries(values))
      if (value !== undefined && !generated.includes(field) && !Object.hasOwn(except, field))
        out.push([this.column(field), encodeValue(this.model, field, value)])
    return out
  }

  private column(field: string): string {
    const name = (this.model.columns as Record<string, string>)[field]
    if (!name) throw new Error(`${this.model.table} has no field "${field}"`)
    return quote(name)
  }

  private statement(sql: string, args: readonly unknown[]): D1PreparedStatement {
    return this.db.prepare(sql).bind(...args)
  }

  private async first(sql: string, args: readonly SqlValue[]): Promise<RowOf<M> | undefined> {
    const row = await this.statement(sql, args).first()
    return row ? decodeRow(this.model, row) : undefined
  }

  private decoded(result: D1Result): RowOf<M>[] {
    return (result.results as Record<string, unknown>[]).map((r) => decodeRow(this.model, r))
  }

  private counting(w: Conditions): D1PreparedStatement {
    return this.statement(`SELECT count(*) AS n FROM ${this.table}${whereSql(w)}`, w.args)
  }

  /** The row with this key, within the scope and `where`. */
  private byId(id: number | string, where?: Readonly<Record<string, SqlValue>>): Conditions {
    const w = this.where({ where: where as Where<RowOf<M>> })
    return { clauses: [`${this.pk} = ?`, ...w.clauses], args: [id, ...w.args] }
  }

  /**
   * The filters and search, and the scope: it wins over a caller's filter on the same field (a scoped list never
   * leaves its parent).
   */
  private where(options: Pick<ListOptions<RowOf<M>>, 'where' | 'search'>): Conditions {
    return whereClause(
      { where: { ...options.where, ...this.options.scope } as Where<RowOf<M>>, search: options.search },
      (field) => this.column(field),
      this.model.codecs,
    )
  }
}
