import { preconditionFailed } from '../errors'
import { constraintError } from './constraint-error'
import type { InsertOf, Model, RowOf } from './model'
import { type Search, type SqlValue, type Where, whereClause } from './where-clause'

/** Options of `list`: filters, a case-insensitive substring search, order and window. */
export interface ListOptions<T> {
  readonly where?: Where<T>
  /** Matches rows where any of `fields` contains `text`; `%` and `_` in the text are literal. */
  readonly search?: Search<T>
  readonly orderBy?: keyof T & string
  readonly descending?: boolean
  readonly limit?: number
  readonly offset?: number
}

/** Options of a repository. */
export interface RepositoryOptions {
  /**
   * Told the cache tags each write makes stale: the table, and `table:id` of the changed row. Pass
   * `writeRecorder(ctx)` so the response cache purges what the request changed.
   */
  readonly onWrite?: (tags: readonly string[]) => void
}

/** Options of writes: the versions an `If-Match` allows (absent: unconditional). */
export interface WriteOptions {
  readonly versions?: readonly number[]
}

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
    readonly db: D1Database,
    readonly model: M,
    private readonly options: RepositoryOptions = {},
  ) {
    this.table = quote(model.table)
    this.pk = this.column(model.primaryKey)
  }

  /** The row with this primary key, or undefined. */
  async get(id: number | string): Promise<RowOf<M> | undefined> {
    const row = await this.db.prepare(`SELECT * FROM ${this.table} WHERE ${this.pk} = ?`).bind(id).first()
    return row ? this.decode(row) : undefined
  }

  /** The first row matching every filter, or undefined. */
  async getOneBy(where: Where<RowOf<M>>): Promise<RowOf<M> | undefined> {
    const w = this.where({ where })
    const row = await this.db
      .prepare(`SELECT * FROM ${this.table}${w.sql} ORDER BY ${this.pk} LIMIT 1`)
      .bind(...w.args)
      .first()
    return row ? this.decode(row) : undefined
  }

  /** One window of matching rows and how many match in all, read in one batch (one snapshot). */
  async list(options: ListOptions<RowOf<M>> = {}): Promise<{ items: RowOf<M>[]; total: number }> {
    const w = this.where(options)
    const order = `${this.column(options.orderBy ?? this.model.primaryKey)} ${options.descending ? 'DESC' : 'ASC'}`
    const [rows, count] = await this.db.batch([
      this.db
        .prepare(`SELECT * FROM ${this.table}${w.sql} ORDER BY ${order}, ${this.pk} LIMIT ? OFFSET ?`)
        .bind(...w.args, options.limit ?? -1, options.offset ?? 0),
      this.db.prepare(`SELECT count(*) AS n FROM ${this.table}${w.sql}`).bind(...w.args),
    ])
    const total = (count!.results[0] as { n: number } | undefined)?.n ?? 0
    return { items: (rows!.results as Record<string, unknown>[]).map((r) => this.decode(r)), total }
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

  /** Inserts a row and returns it as stored; a UNIQUE clash is 409, a missing referenced row 422. */
  async add(values: InsertOf<M>): Promise<RowOf<M>> {
    const entries = this.writable(values as Record<string, unknown>)
    const cols = entries.map(([c]) => c).join(', ')
    const marks = entries.map(() => '?').join(', ')
    const sql = entries.length
      ? `INSERT INTO ${this.table} (${cols}) VALUES (${marks}) RETURNING *`
      : `INSERT INTO ${this.table} DEFAULT VALUES RETURNING *`
    const row = await this.run(() =>
      this.db
        .prepare(sql)
        .bind(...entries.map(([, v]) => v))
        .first(),
    )
    const added = this.decode(row!)
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
    const entries = this.writable(values as Record<string, unknown>)
    const sets = entries.map(([c]) => `${c} = ?`)
    const { version, updatedAt } = this.model
    if (version) sets.push(`${this.column(version)} = ${this.column(version)} + 1`)
    if (updatedAt) sets.push(`${this.column(updatedAt)} = ${NOW}`)
    if (!sets.length) return this.get(id)
    const guard = this.versionGuard(options)
    const sql = `UPDATE ${this.table} SET ${sets.join(', ')} WHERE ${this.pk} = ?${guard.sql} RETURNING *`
    const row = await this.run(() =>
      this.db
        .prepare(sql)
        .bind(...entries.map(([, v]) => v), id, ...guard.args)
        .first(),
    )
    if (row) {
      this.wrote(id)
      return this.decode(row)
    }
    return this.missingOrStale(id, options)
  }

  /** Deletes a row; false when there was none. With `versions`, a row at another version is a 412. */
  async delete(id: number | string, options: WriteOptions = {}): Promise<boolean> {
    const guard = this.versionGuard(options)
    const row = await this.run(() =>
      this.db
        .prepare(`DELETE FROM ${this.table} WHERE ${this.pk} = ?${guard.sql} RETURNING ${this.pk}`)
        .bind(id, ...guard.args)
        .first(),
    )
    if (row) {
      this.wrote(id)
      return true
    }
    return (await this.missingOrStale(id, options)) !== undefined
  }

  private wrote(id: unknown): void {
    this.options.onWrite?.([this.model.table, `${this.model.table}:${String(id)}`])
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
      out.push([this.column(field), value as SqlValue])
    }
    return out
  }

  private column(field: string): string {
    const name = (this.model.columns as Record<string, string>)[field]
    if (!name) throw new Error(`${this.model.table} has no field "${field}"`)
    return quote(name)
  }

  private where(options: ListOptions<RowOf<M>>): { sql: string; args: SqlValue[] } {
    return whereClause(options, (field) => this.column(field))
  }

  private decode(row: Record<string, unknown>): RowOf<M> {
    const out: Record<string, unknown> = {}
    for (const [column, value] of Object.entries(row)) out[this.model.fieldsByColumn.get(column) ?? column] = value
    return out as RowOf<M>
  }
}
