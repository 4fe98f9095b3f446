import { cookieSession, csrf, d1SessionStore } from '../../core/auth'
import { Db } from '../common/db'
import type { UserPrincipal } from './principal'
import { userPrincipal } from './user-principal'

/** Origins besides the API's own whose pages may send cookie-authenticated writes (the CORS list's browsers). */
export const SESSION_ORIGINS = ['http://localhost:5173', 'http://localhost:8787']

/** A session ends after this many seconds without a request, and this many after it began, whichever is first. */
export const SESSION_IDLE = 30 * 60
export const SESSION_ABSOLUTE = 12 * 60 * 60

/**
 * Cookie sessions for browsers (the docs page's "try it", browser clients): stored in D1 so a logout holds
 * everywhere at once; 30 minutes idle, 12 hours at most; CSRF-checked on unsafe methods. The account is read on
 * every request, like a bearer token's.
 */
export const sessions = cookieSession<UserPrincipal>({
  // Looked up on the request's D1 session, like the account: a replica may answer (docs/security.md).
  store: d1SessionStore(
    (env) => env.DB,
    'sessions',
    (ctx) => ctx.resolve(Db),
  ),
  idle: SESSION_IDLE,
  absolute: SESSION_ABSOLUTE,
  csrf: csrf({ origins: SESSION_ORIGINS }),
  principal: (session, ctx) => userPrincipal(ctx, Number(session.subject)),
  scopesOf: (user) => [user.role],
})
