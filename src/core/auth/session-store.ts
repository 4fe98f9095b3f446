import type { RequestContext } from '../kernel/context'

/** A server-side session: whose it is, and when it began and was last seen (ms since the epoch). */
export interface SessionRecord {
  /** SHA-256 of the session id: the store never holds the id the cookie carries. */
  readonly id: string
  readonly subject: string
  readonly createdAt: number
  readonly seenAt: number
}

/** Where sessions live; `d1SessionStore` is the one the core ships. */
export interface SessionStore<Env = Cloudflare.Env> {
  create(env: Env, session: SessionRecord): Promise<void>
  /** The session with this id hash; `ctx` is the request it authenticates, for a store that reads through it. */
  get(env: Env, id: string, ctx?: RequestContext<Env>): Promise<SessionRecord | undefined>
  touch(env: Env, id: string, seenAt: number): Promise<void>
  delete(env: Env, id: string): Promise<void>
  /** Deletes every session of a subject but `except` (log out everywhere, a password change). */
  deleteSubject(env: Env, subject: string, except?: string): Promise<void>
}

/**
 * Sessions in a D1 table (`id TEXT PRIMARY KEY, subject TEXT, created_at INTEGER, seen_at INTEGER`): strongly
 * consistent, so a logout or a revocation holds everywhere on the next request (KV could serve a deleted
 * session for about a minute in other locations). With `reads`, a request's lookup runs on the database it
 * returns, such as the request's D1 session, which a read replica may answer: a deleted session can then be
 * honoured for as long as that replica lags (writes still go to `db`).
 * @example cookieSession({ store: d1SessionStore((env) => env.DB), principal })
 */
export function d1SessionStore<Env = Cloudflare.Env>(
  db: (env: Env) => D1Database,
  table = 'sessions',
  reads?: (ctx: RequestContext<Env>) => Pick<D1Database, 'prepare'> | Promise<Pick<D1Database, 'prepare'>>,
): SessionStore<Env> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`d1SessionStore: "${table}" is not a table name`)
  return {
    async create(env, s) {
      await db(env)
        .prepare(`INSERT INTO ${table} (id, subject, created_at, seen_at) VALUES (?, ?, ?, ?)`)
        .bind(s.id, s.subject, s.createdAt, s.seenAt)
        .run()
    },
    async get(env, id, ctx) {
      const row = await (ctx && reads ? await reads(ctx) : db(env))
        .prepare(`SELECT id, subject, created_at AS createdAt, seen_at AS seenAt FROM ${table} WHERE id = ?`)
        .bind(id)
        .first<SessionRecord>()
      return row ?? undefined
    },
    async touch(env, id, seenAt) {
      await db(env).prepare(`UPDATE ${table} SET seen_at = ? WHERE id = ?`).bind(seenAt, id).run()
    },
    async delete(env, id) {
      await db(env).prepare(`DELETE FROM ${table} WHERE id = ?`).bind(id).run()
    },
    async deleteSubject(env, subject, except) {
      await db(env)
        .prepare(`DELETE FROM ${table} WHERE subject = ? AND id IS NOT ?`)
        .bind(subject, except ?? null)
        .run()
    },
  }
}
