import type { RequestContext } from '../kernel/context'
import { cookiesOf } from '../kernel/cookie-jar'
import { type DependencyKey, type Provider, provide } from '../kernel/di'
import { editHeaders } from '../kernel/edit-headers'
import { NONE } from '../kernel/layers'
import { middleware } from '../kernel/middleware'
import type { Plugin } from '../kernel/plugin'
import { isSafeMethod } from '../kernel/safe-method'
import type { SqlDatabase } from './repository'

/** Options of `d1Session`. */
export interface D1SessionOptions<Env = Cloudflare.Env> {
  /** The key repositories inject to get the request's session. */
  readonly key: DependencyKey<SqlDatabase>
  /** The D1 binding. */
  readonly binding: (env: Env) => D1Database
  /** The request and response header carrying the bookmark; `X-D1-Bookmark` unless named. */
  readonly header?: string
  /** The cookie carrying it for browsers; `d1-bookmark` unless named. */
  readonly cookie?: string
  /** How long a browser keeps the cookie, in seconds: longer than replicas lag; 300 unless named. */
  readonly maxAge?: number
  /**
   * Where a write request's session starts. `'first-primary'` (the default): its first statement, read or write,
   * runs on the primary, so the reads a write decides on see the latest commit. `'bookmark'`: like a read's, at the
   * client's bookmark or else anywhere, so the reads before the write (a guard's owner lookup, the account check)
   * may be answered by a replica and the write is the request's only call to the primary. A route overrides it with
   * `opt: { d1Writes: 'first-primary' | 'bookmark' }` (any other value counts as `'first-primary'`).
   */
  readonly writes?: D1WriteStart
}

/** Where a write request's D1 session starts (see `D1SessionOptions.writes`). */
export type D1WriteStart = 'first-primary' | 'bookmark'

// What D1 issues (e.g. `00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683`): hex groups. Anything else
// is dropped before it reaches D1, so a forged header can neither fail the request nor be echoed.
const BOOKMARK = /^[0-9a-f]{8}(?:-[0-9a-f]{8,64}){1,6}$/i
const STATE = 'd1Session.session'

/** The session a request's provider opened, if it ran any statement. */
const sessionOf = (ctx: RequestContext) => ctx.state.get(STATE) as D1DatabaseSession | undefined

/**
 * D1 read replication with read-your-writes, as a provider and a middleware. Reads (GET, HEAD) open a session at
 * the client's bookmark (header, else cookie), so they may go to a replica at least as new as the client's last
 * write; without one, to any replica. Writes (every other method, conditional updates included) open it on the
 * primary unless `writes: 'bookmark'` says their reads may use a replica too (their writes always reach the
 * primary), and their response hands the session's bookmark back in the header and an HttpOnly cookie. A malformed
 * bookmark is ignored: the read goes anywhere, never fails.
 * A plugin: it provides the key app-wide and hands bookmarks back; a request whose env lacks the binding is a 503.
 * @example const db = d1Session({ key: Db, binding: (env) => env.DB }); createApp({ plugins: [db], handlers })
 */
export function d1Session<Env = Cloudflare.Env>(
  options: D1SessionOptions<Env>,
): Plugin & { readonly provider: Provider<SqlDatabase> } {
  const headerName = options.header ?? 'X-D1-Bookmark'
  const header = headerName.toLowerCase()
  const cookie = options.cookie ?? 'd1-bookmark'
  const maxAge = options.maxAge ?? 300
  const bookmarkOf = (ctx: RequestContext): string | undefined => {
    const sent = ctx.request.headers.get(header) ?? cookiesOf(ctx).get(cookie)
    return sent && sent.length <= 256 && BOOKMARK.test(sent) ? sent : undefined
  }
  const writes = options.writes ?? 'first-primary'
  // Fails closed: an override that is not exactly 'bookmark' keeps the write's reads on the primary.
  const startsAtPrimary = (ctx: RequestContext): boolean => {
    if (isSafeMethod(ctx.request.method)) return false
    const override = ctx.route?.opt.d1Writes
    return override === undefined ? writes === 'first-primary' : override !== 'bookmark'
  }
  const provider = provide(options.key, (ctx) => {
    const db = options.binding(ctx.env as Env)
    // A binding without sessions (an older runtime, a stand-in) is used as it is.
    if (typeof db.withSession !== 'function') return db
    const session = db.withSession(startsAtPrimary(ctx) ? 'first-primary' : (bookmarkOf(ctx) ?? 'first-unconstrained'))
    ctx.state.set(STATE, session)
    return session
  })
  const handedBack = {
    [headerName]: {
      description: 'The D1 session bookmark after this write: send it back to read your own writes',
      schema: { type: 'string' },
    },
    'Set-Cookie': {
      description: `${cookie}: the same bookmark for browsers (HttpOnly, ${maxAge} s)`,
      schema: { type: 'string' },
    },
  }
  const responseHeaders = (route: { readonly method: string }) => (isSafeMethod(route.method) ? undefined : handedBack)
  const mw = middleware({ name: 'd1Session', responseHeaders }, async function d1Session(ctx, next) {
    const response = await next()
    const session = sessionOf(ctx)
    if (!session || isSafeMethod(ctx.request.method)) return response
    const bookmark = session.getBookmark()
    if (!bookmark) return response
    return editHeaders(response, (h) => {
      h.set(header, bookmark)
      h.append('set-cookie', `${cookie}=${bookmark}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`)
    })
  })
  return {
    name: 'd1Session',
    provider,
    dependencies: [provider],
    middleware: [mw],
    requires: (env) => (options.binding(env as Env) ? NONE : ['the D1 binding']),
  }
}
