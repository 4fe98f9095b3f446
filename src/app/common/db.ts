import { type DependencyKey, dependency, provide } from '../../core'
import { writeRecorder } from '../../core/cache'
import { d1Session, type Model, Repository, type SqlDatabase } from '../../core/data'
import { idempotencyRecord } from '../../core/idempotency'

/** The request's D1 session: reads may go to a replica at the client's bookmark, writes go to the primary. */
export const Db = dependency<SqlDatabase>('db')

/**
 * Opens `Db` per request and hands a writer its bookmark back (`X-D1-Bookmark` and a cookie). A write's reads (the
 * account check, an owner lookup) may use a replica, so the write itself is its only call to the primary: every
 * write here is decided by a statement on the primary (If-Match and scopes inside the UPDATE, constraints) or by a
 * fact that never changes (who wrote a post). `/auth` keeps its writes' reads on the primary (a password is checked
 * against the latest hash); see docs/data.md#round-trips.
 */
export const database = d1Session({ key: Db, binding: (env) => env.DB, writes: 'bookmark' })

/**
 * The HMAC key of list cursors: the JWT secret, which every deployment has; cursors sign under their own context
 * string, so neither use can stand in for the other.
 */
export const cursorSecret = (env: Cloudflare.Env): string => env.JWT_SECRET

/**
 * Provides a model's repository, built per request on the request's D1 session; its writes purge the cache entries
 * they make stale and commit the request's Idempotency-Key record with them.
 */
export const provideRepository = <M extends Model>(key: DependencyKey<Repository<M>>, model: M) =>
  provide(
    key,
    { inject: { db: Db } },
    (ctx) => new Repository(ctx.deps.db, model, { onWrite: writeRecorder(ctx), idempotency: idempotencyRecord(ctx) }),
  )
