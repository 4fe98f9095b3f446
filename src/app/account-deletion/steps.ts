import { endEverything } from '../auth/accounts'

/** Where an account's export lands in FILES. */
export const exportKey = (userId: number, instanceId: string) => `account-exports/${userId}/${instanceId}.json`

/** Writes the user's row (without the password hash), posts and comments to R2 as one JSON document. */
export async function exportAccount(env: Cloudflare.Env, userId: number, key: string): Promise<{ bytes: number }> {
  const [user, posts, comments] = await env.DB.batch([
    env.DB.prepare('SELECT id, name, email, age, role, created_at, updated_at FROM users WHERE id = ?').bind(userId),
    env.DB.prepare('SELECT id, title, content, created_at FROM posts WHERE author_id = ? ORDER BY id').bind(userId),
    env.DB.prepare('SELECT id, post_id, body, created_at FROM comments WHERE author_id = ? ORDER BY id').bind(userId),
  ])
  const row = user!.results[0]
  if (!row) throw new Error(`User ${userId} does not exist`)
  const body = JSON.stringify({ user: row, posts: posts!.results, comments: comments!.results })
  await env.FILES.put(key, body, { httpMetadata: { contentType: 'application/json' } })
  return { bytes: body.length }
}

/** Ends every token and session of the user, and the API keys they created. */
export async function revokeCredentials(env: Cloudflare.Env, userId: number): Promise<void> {
  await endEverything(env.DB, userId)
  await env.DB.prepare('UPDATE api_keys SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL')
    .bind(new Date().toISOString(), userId)
    .run()
}

/** Deletes the user (posts, comments, notifications and refresh families go with it) and their sessions. */
export async function deleteRows(env: Cloudflare.Env, userId: number): Promise<void> {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM sessions WHERE subject = ?').bind(String(userId)),
    env.DB.prepare('DELETE FROM users WHERE id = ?').bind(userId),
  ])
}

/** Whether the user's row is gone. */
export async function isDeleted(env: Cloudflare.Env, userId: number): Promise<boolean> {
  return !(await env.DB.prepare('SELECT 1 FROM users WHERE id = ?').bind(userId).first())
}
