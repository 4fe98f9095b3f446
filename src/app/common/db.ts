import { dependency } from '../../core'
import { d1Session, type SqlDatabase } from '../../core/data'

/** The request's D1 session: reads may go to a replica at the client's bookmark, writes go to the primary. */
export const Db = dependency<SqlDatabase>('db')

/** Opens `Db` per request and hands a writer its bookmark back (`X-D1-Bookmark` and a cookie). */
export const database = d1Session({ key: Db, binding: (env) => env.DB })

/**
 * The HMAC key of list cursors: the JWT secret, which every deployment has; cursors sign under their own context
 * string, so neither use can stand in for the other.
 */
export const cursorSecret = (env: Cloudflare.Env): string => env.JWT_SECRET
