import { get, notFound, post } from '../../core'
import { loginPolicy } from '../rate-limit/policies'
import { UserRead } from '../users/dtos'
import { Users } from '../users/repo'
import { challenge } from './challenge'
import { AccessToken, LoginRequest } from './model'
import { verifyPassword } from './password'
import { CurrentUser } from './principal'
import { revokeToken } from './revocation'
import { issueAccessToken } from './tokens'

// Verified when the email is unknown, so that a miss costs as much as a wrong password.
const DECOY_HASH = 'pbkdf2-sha256$100000$rBGtUZSNEAyUAYnYW0uHZg==$Gm5ToSh3ITjTEehm6IAfbofECCUpL84OvqcLCEDYvC8='

/** Exchanges email and password for a short-lived bearer token. */
export const login = post(
  '/login',
  {
    summary: 'Log in with email and password; returns a bearer access token',
    body: LoginRequest,
    // Strict per address-and-email limit on top of the app default: password guessing stays slow.
    rateLimit: [loginPolicy],
    inject: { users: Users },
    response: AccessToken,
    status: 200,
    errors: [401],
    // RFC 6749 §5.1: a response carrying a token must not be stored by any cache.
    responseHeaders: { 'cache-control': 'no-store' },
  },
  async ({ body, env, deps: { users } }) => {
    const user = await users.getOneBy({ email: body.email })
    const valid = await verifyPassword(body.password, user?.passwordHash ?? DECOY_HASH)
    if (!user || !valid) throw challenge('Bearer', 'The email or password is wrong')
    const token = await issueAccessToken(env, { id: user.id, role: user.role })
    return { accessToken: token.accessToken, tokenType: 'Bearer' as const, expiresIn: token.expiresIn }
  },
)

/** The user the bearer token belongs to. */
export const me = get(
  '/me',
  { summary: 'The current user', inject: { user: CurrentUser, users: Users }, response: UserRead, errors: [404] },
  async ({ deps: { user, users } }) =>
    (await users.get(user!.id)) ?? notFound('The user of this token no longer exists'),
)

/** Revokes the bearer token it is sent with, until the token would have expired. */
export const logout = post(
  '/logout',
  { summary: 'Log out: revoke this token', inject: { user: CurrentUser }, status: 204 },
  async ({ env, deps: { user } }) => {
    await revokeToken(env, user!.jti, user!.exp)
  },
)
