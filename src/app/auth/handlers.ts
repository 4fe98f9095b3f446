import type * as v from 'valibot'
import { get, notFound, post } from '../../core'
import { challenge } from './challenge'
import { AccessToken, LoginRequest, Me } from './model'
import { verifyPassword } from './password'
import type { Role } from './principal'
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
    response: AccessToken,
    status: 200,
    errors: [401],
  },
  async ({ body, env }) => {
    const user = await env.DB.prepare('SELECT id, role, password_hash FROM users WHERE email = ?')
      .bind(body.email)
      .first<{ id: number; role: Role; password_hash: string }>()
    const valid = await verifyPassword(body.password, user?.password_hash ?? DECOY_HASH)
    if (!user || !valid) throw challenge('Bearer', 'The email or password is wrong')
    const token = await issueAccessToken(env, { id: user.id, role: user.role })
    return { accessToken: token.accessToken, tokenType: 'Bearer' as const, expiresIn: token.expiresIn }
  },
)

/** The user the bearer token belongs to. */
export const me = get(
  '/me',
  { summary: 'The current user', inject: { user: CurrentUser }, response: Me, errors: [404] },
  async ({ env, user }) => {
    const row = await env.DB.prepare('SELECT id, name, email, role, created_at AS createdAt FROM users WHERE id = ?')
      .bind(user!.id)
      .first<v.InferInput<typeof Me>>()
    return row ?? notFound('The user of this token no longer exists')
  },
)

/** Revokes the bearer token it is sent with, until the token would have expired. */
export const logout = post(
  '/logout',
  { summary: 'Log out: revoke this token', inject: { user: CurrentUser }, status: 204 },
  async ({ env, user }) => {
    await revokeToken(env, user!.jti, user!.exp)
  },
)
