import { env } from 'cloudflare:workers'
import type { Role } from '../../src/app/auth/principal'
import { issueAccessToken } from '../../src/app/auth/tokens'

/**
 * An access token for the user with this id, creating (or re-roling) its row first: every authenticated
 * request reads the account, so a token of a user who does not exist is refused.
 */
export async function accountToken(id: number, role: Role = 'user'): Promise<string> {
  await env.DB.prepare(
    `INSERT INTO users (id, name, email, age, password_hash, role) VALUES (?, ?, ?, 30, 'not-a-hash', ?)
     ON CONFLICT (id) DO UPDATE SET role = excluded.role`,
  )
    .bind(id, `Account ${id}`, `account-${id}@example.test`, role)
    .run()
  return (await issueAccessToken(env, { id })).accessToken
}
