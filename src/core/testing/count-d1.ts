/** Where a D1 call can be answered: only by the primary, or by a read replica too. */
export type D1Target = 'primary' | 'replica'

/** Receives each D1 call: the binding, where it may run, and the rows it read and wrote (from `meta`). */
export type D1CallSink = (binding: string, target: D1Target, rows: { read: number; written: number }) => void

// Statements that change the database: D1 always sends them to the primary, session or not.
const WRITE = /^\s*(?:insert|update|delete|replace|create|drop|alter)\b/i
const CTE_WRITE = /^\s*with\b[\s\S]*\b(?:insert|update|delete)\b/i
const isWrite = (sql: string) => WRITE.test(sql) || CTE_WRITE.test(sql)

type Statement = D1PreparedStatement
/** The real statement behind each counted one, so `batch` can hand D1 its own objects. */
const realOf = new WeakMap<object, Statement>()
/** Each counted statement's SQL. */
const sqlOf = new WeakMap<object, string>()

/** What a call's result says it read and wrote (`meta.rows_read` / `rows_written`); a `first()` row has no meta. */
const rowsOf = (result: unknown): { read: number; written: number } => {
  const meta = (result as { meta?: { rows_read?: number; rows_written?: number } } | null)?.meta
  return { read: meta?.rows_read ?? 0, written: meta?.rows_written ?? 0 }
}

/** A session's state: whether its first call must go to the primary, and whether any call has run. */
interface Route {
  target(write: boolean): D1Target
}

/**
 * Without a session every statement runs on the primary. In a session, writes still do; a read runs on a replica
 * unless it is the first call of a `first-primary` session (then it runs on the primary, and later reads may use
 * a replica at least as new as the primary was).
 */
const sessionRoute = (constraint: string | undefined): Route => {
  let first = constraint === 'first-primary'
  return {
    target(write) {
      const onPrimary = write || first
      first = false
      return onPrimary ? 'primary' : 'replica'
    },
  }
}
const noSession: Route = { target: () => 'primary' }

function countedStatement(real: Statement, sql: string, name: string, route: Route, sink: D1CallSink): Statement {
  const run =
    <K extends 'first' | 'all' | 'run' | 'raw'>(method: K) =>
    async (...args: unknown[]) => {
      const target = route.target(isWrite(sql))
      const result = await (real[method] as (...a: unknown[]) => Promise<unknown>)(...args)
      sink(name, target, rowsOf(result))
      return result
    }
  const counted = {
    bind: (...values: unknown[]) => countedStatement(real.bind(...values), sql, name, route, sink),
    first: run('first'),
    all: run('all'),
    run: run('run'),
    raw: run('raw'),
  } as unknown as Statement
  realOf.set(counted, real)
  sqlOf.set(counted, sql)
  return counted
}

type Database = Pick<D1Database, 'prepare' | 'batch'>

function countedDatabase<D extends Database>(real: D, name: string, route: Route, sink: D1CallSink): D {
  const batch = async <T>(statements: Statement[]) => {
    const reals = statements.map((s) => realOf.get(s) ?? s)
    // One batch is one round trip, on the primary if any statement in it writes.
    const sqls = statements.map((s) => sqlOf.get(s) ?? '')
    const target = route.target(sqls.some(isWrite))
    const results = await real.batch<T>(reals)
    const rows = { read: 0, written: 0 }
    for (const r of results.map(rowsOf)) {
      rows.read += r.read
      rows.written += r.written
    }
    sink(name, target, rows)
    return results
  }
  const prepare = (sql: string) => countedStatement(real.prepare(sql), sql, name, route, sink)
  return { ...bound(real), prepare, batch } as unknown as D
}

/** The binding's other members, bound to it (`exec`, `dump`, `getBookmark`). */
const bound = (real: object): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const key of ['exec', 'dump', 'getBookmark'] as const) {
    const value = (real as Record<string, unknown>)[key]
    if (typeof value === 'function') out[key] = value.bind(real)
  }
  return out
}

/**
 * A D1 binding that reports every call to `sink`, split by where it may run: the primary only, or a replica
 * (see `sessionRoute`). `withSession` returns a counted session.
 */
export function countD1(real: D1Database, name: string, sink: D1CallSink): D1Database {
  const db = countedDatabase(real, name, noSession, sink)
  const withSession = (constraint?: string) =>
    countedDatabase(real.withSession(constraint as D1SessionConstraint), name, sessionRoute(constraint), sink)
  return { ...db, withSession } as D1Database
}
