import type { AroundCall } from './observe-bindings'

/** Where a D1 call can be answered: only by the primary, or by a read replica too. */
export type D1Target = 'primary' | 'replica'

// Statements that change the database: D1 always sends them to the primary, session or not.
const WRITE = /^\s*(?:insert|update|delete|replace|create|drop|alter)\b/i
const CTE_WRITE = /^\s*with\b[\s\S]*\b(?:insert|update|delete)\b/i
const isWrite = (sql: string) => WRITE.test(sql) || CTE_WRITE.test(sql)

type Statement = D1PreparedStatement
/** The real statement behind each observed one, so `batch` can hand D1 its own objects. */
const realOf = new WeakMap<object, Statement>()
/** Each observed statement's SQL. */
const sqlOf = new WeakMap<object, string>()

/** What a D1 result says it read and wrote (`meta.rows_read` / `rows_written`, summed over a batch); `first()` has no meta. */
export function d1RowsOf(result: unknown): { read: number; written: number } {
  const rows = { read: 0, written: 0 }
  for (const r of Array.isArray(result) ? result : [result]) {
    const meta = (r as { meta?: { rows_read?: number; rows_written?: number } } | null)?.meta
    rows.read += meta?.rows_read ?? 0
    rows.written += meta?.rows_written ?? 0
  }
  return rows
}

/** Where the next call of a session (or of the bare binding) may run. */
type Route = (write: boolean) => D1Target

/**
 * Without a session every statement runs on the primary. In a session, writes still do; a read runs on a replica
 * unless it is the first call of a `first-primary` session (then it runs on the primary, and later reads may use
 * a replica at least as new as the primary was).
 */
const sessionRoute = (constraint: string | undefined): Route => {
  let first = constraint === 'first-primary'
  return (write) => {
    const onPrimary = write || first
    first = false
    return onPrimary ? 'primary' : 'replica'
  }
}
const noSession: Route = () => 'primary'

interface Observed {
  readonly name: string
  readonly route: Route
  readonly around: AroundCall
}

function statement(real: Statement, sql: string, o: Observed): Statement {
  // Each call is reported under `as`: `first()` runs as `all()`, so its result carries the rows read and written too.
  const call =
    (method: 'all' | 'run' | 'raw', as: string = method) =>
    (...args: unknown[]) => {
      const d1 = o.route(isWrite(sql))
      return o.around({ binding: o.name, kind: 'd1', method: as, d1, sql }, () =>
        (real[method] as (...a: unknown[]) => unknown)(...args),
      )
    }
  const first = (column?: string) =>
    (call('all', 'first')() as Promise<D1Result<Record<string, unknown>>>).then(({ results }) => {
      const row = results[0] ?? null
      if (column === undefined || row === null) return row
      if (!(column in row)) throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${column})`)
      return row[column]
    })
  const observed = {
    bind: (...values: unknown[]) => statement(real.bind(...values), sql, o),
    first,
    all: call('all'),
    run: call('run'),
    raw: call('raw'),
  } as unknown as Statement
  realOf.set(observed, real)
  sqlOf.set(observed, sql)
  return observed
}

function database<D extends Pick<D1Database, 'prepare' | 'batch'>>(real: D, o: Observed): D {
  const batch = (statements: Statement[]) => {
    const sqls = statements.map((s) => sqlOf.get(s) ?? '')
    // One batch is one round trip, on the primary if any statement in it writes.
    const d1 = o.route(sqls.some(isWrite))
    return o.around({ binding: o.name, kind: 'd1', method: 'batch', d1, sql: sqls.join(';\n') }, () =>
      real.batch(statements.map((s) => realOf.get(s) ?? s)),
    )
  }
  const prepare = (sql: string) => statement(real.prepare(sql), sql, o)
  const out: Record<string, unknown> = { prepare, batch }
  // The binding's other members, bound to it (`exec`, `dump`, a session's `getBookmark`).
  for (const key of ['exec', 'dump', 'getBookmark'] as const) {
    const value = (real as Record<string, unknown>)[key]
    if (typeof value === 'function') out[key] = value.bind(real)
  }
  return out as unknown as D
}

/**
 * A D1 binding whose every call runs through `around`, told where it may run: the primary only, or a replica
 * (see `sessionRoute`). `withSession` returns an observed session.
 */
export function observeD1(real: D1Database, name: string, around: AroundCall): D1Database {
  const db = database(real, { name, route: noSession, around })
  const withSession = (constraint?: string) =>
    database(real.withSession(constraint as D1SessionConstraint), { name, route: sessionRoute(constraint), around })
  return { ...db, withSession } as D1Database
}
