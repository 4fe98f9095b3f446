import { get, notFound, post } from '../../core'
import { authError } from '../../core/auth'
import { loginPolicy, reauthAccountPolicy, reauthPolicy } from '../rate-limit/policies'
import { UserRead } from '../users/dtos'
import { type UserRepository, Users } from '../users/repo'
import { endAllStatements, endEverything, passwordChangeStatements } from './accounts'
import { EmailChange, LoginRequest, PasswordChange, RefreshRequest, SessionStarted, TokenPair } from './model'
import { hashPassword, verifyPassword } from './password'
import { CurrentUser } from './principal'
import { reauthenticate } from './reauthenticate'
import { revokeFamily, startFamily } from './refresh-families'
import { sessions } from './sessions'
import { bearer, issueTokenPair, refreshTokens } from './tokens'

// Verified when the email is unknown, so that a miss costs as much as a wrong password.
const DECOY_HASH = 'pbkdf2-sha256$100000$rBGtUZSNEAyUAYnYW0uHZg==$Gm5ToSh3ITjTEehm6IAfbofECCUpL84OvqcLCEDYvC8='
// RFC 6749 §5.1: a response carrying a credential must not be stored by any cache.
const noStore = { 'cache-control': 'no-store' }

/** The user with these credentials, or a 401. */
async function checkCredentials(users: UserRepository, email: string, password: string) {
  const user = await users.getOneBy({ email })
  const valid = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH)
  if (!user || !valid) throw authError(bearer, 'The email or password is wrong')
  return user
}

/**
 * For API clients: checks the email and password and answers a short-lived bearer access token and a refresh token that
 * starts a new login (a token family). Public, strictly rate limited per address and email; a wrong email and a wrong
 * password are the same 401 and take the same time. Never cached.
 * @summary Log in with email and password; returns a bearer access token and a refresh token
 */
export const login = post(
  '/login',
  {
    body: LoginRequest,
    // Strict per address-and-email limit on top of the app default: password guessing stays slow.
    rateLimit: [loginPolicy],
    // The password is checked against the latest hash: this write's reads stay on the D1 primary.
    opt: { d1Writes: 'first-primary' },
    inject: { users: Users },
    response: TokenPair,
    status: 200,
    errors: [401],
    responseHeaders: noStore,
  },
  async ({ body, env, deps: { users } }) => {
    const user = await checkCredentials(users, body.email, body.password)
    return issueTokenPair(env, user.id, await startFamily(env.DB, user.id))
  },
)

/**
 * Rotates a refresh token: answers a new access and refresh token, and the presented refresh token never works again.
 * Presenting one that was already used revokes every token of its login (a theft signal), and an expired or revoked one
 * is a 401. Public: the refresh token is the credential. Never cached.
 * @summary Exchange a refresh token for a new token pair (a reused refresh token revokes its whole login)
 */
export const refresh = post(
  '/refresh',
  {
    body: RefreshRequest,
    response: TokenPair,
    status: 200,
    errors: [401],
    responseHeaders: noStore,
  },
  ({ body, env }) => refreshTokens(env, body.refreshToken),
)

/**
 * For browsers: checks the email and password, starts a session under a fresh id in the `__Host-sid` cookie (HttpOnly,
 * Secure, SameSite=Lax) and answers the CSRF token that unsafe requests without an Origin header must send as
 * X-CSRF-Token. A cross-site page is refused (403), so no one can log a browser into their account. Rate limited like
 * POST /auth/login; never cached.
 * @summary Log in with email and password; sets an HttpOnly session cookie
 */
export const startSession = post(
  '/session',
  {
    body: LoginRequest,
    rateLimit: [loginPolicy],
    opt: { d1Writes: 'first-primary' },
    inject: { users: Users },
    response: SessionStarted,
    status: 200,
    errors: [401, 403],
    responseHeaders: noStore,
  },
  async (ctx) => {
    // Login CSRF: a cross-site page must not log a browser into the attacker's account.
    sessions.csrf?.checkOrigin(ctx)
    const user = await checkCredentials(ctx.deps.users, ctx.body.email, ctx.body.password)
    return sessions.start(ctx, String(user.id))
  },
)

/**
 * The account the bearer token or session cookie belongs to, in the full view (email, age and role included). Any
 * logged-in user; 404 when the account was deleted while the token was still valid.
 * @summary The current user
 */
export const me = get(
  '/me',
  {
    inject: { user: CurrentUser, users: Users },
    response: UserRead,
    errors: [404],
    exposesPrivate: {
      fields: ['email', 'age', 'role'],
      reason: "reads only the caller's own account (no id in the path)",
    },
  },
  async ({ deps: { user, users } }) => (await users.get(user!.id)) ?? notFound('The user no longer exists'),
)

/**
 * Ends the credential it is sent with: a session cookie ends its session (and the cookie is cleared); a bearer token
 * revokes its login, so that access token and its refresh tokens stop working at once. Other logins and sessions of the
 * account stay. Any logged-in user; 204.
 * @summary Log out: end this login or session
 */
export const logout = post(
  '/logout',
  {
    inject: { user: CurrentUser },
    status: 204,
  },
  async (ctx) => {
    const user = ctx.deps.user!
    if (user.via === 'session') await sessions.end(ctx)
    else if (user.family) await revokeFamily(ctx.env.DB, user.family)
  },
)

/**
 * Revokes every login and ends every session of the caller’s account, the one it is sent with included (a session
 * cookie is cleared). Use it after a lost device. Any logged-in user; 204.
 * @summary Log out everywhere: every token and session of this account ends
 */
export const logoutEverywhere = post(
  '/logout-all',
  {
    inject: { user: CurrentUser },
    status: 204,
  },
  async (ctx) => {
    await endEverything(ctx.env.DB, ctx.deps.user!.id)
    await sessions.end(ctx)
  },
)

/**
 * What a change that asks for the current password shares: limited on the account and the address, plus a cap per
 * account (the body names no account to key on); the password checked against the primary, as every credential
 * write is; a new token pair for this client, never cached.
 */
const reauthenticated = {
  rateLimit: [reauthPolicy, reauthAccountPolicy],
  opt: { d1Writes: 'first-primary' },
  inject: { user: CurrentUser, users: Users },
  response: TokenPair,
  status: 200,
  responseHeaders: noStore,
} as const

/**
 * Sets a new password given the current one (403 when it is wrong; attempts are rate limited per address and per
 * account). Every other session and login of the account ends; this client gets a new token pair (and, with a session,
 * a new session cookie). Any logged-in user, for their own account only.
 * @summary Change the password (needs the current one); ends every other session and token
 */
export const changeOwnPassword = post(
  '/password',
  {
    ...reauthenticated,
    body: PasswordChange,
    errors: [403],
  },
  async (ctx) => {
    const { user, users } = ctx.deps
    const row = await reauthenticate(users, user!.id, ctx.body.currentPassword)
    // The new hash, the end of every credential and this client's new login: one batch, one transaction.
    const statements = passwordChangeStatements(ctx.env.DB, row.id, await hashPassword(ctx.body.newPassword))
    const at = await startFamily(ctx.env.DB, row.id, statements)
    if (user!.via === 'session') await sessions.start(ctx, String(row.id))
    return issueTokenPair(ctx.env, row.id, at)
  },
)

/**
 * Sets a new login email given the current password (403 when it is wrong; 409 when the email is taken). Every other
 * session and login of the account ends; this client gets a new token pair (and, with a session, a new session cookie).
 * The only way an email changes: a token alone cannot take an account.
 * @summary Change the email (needs the current password); ends every other session and token
 */
export const changeOwnEmail = post(
  '/email',
  {
    ...reauthenticated,
    body: EmailChange,
    errors: [403, 409],
  },
  async (ctx) => {
    const { user, users } = ctx.deps
    const row = await reauthenticate(users, user!.id, ctx.body.currentPassword)
    await users.update(row.id, { email: ctx.body.newEmail })
    const at = await startFamily(ctx.env.DB, row.id, endAllStatements(ctx.env.DB, row.id))
    if (user!.via === 'session') await sessions.start(ctx, String(row.id))
    return issueTokenPair(ctx.env, row.id, at)
  },
)
