import { dependency, provide } from '../../core'
import { endAllStatements } from '../auth/accounts'

/** Where an account's export lands in FILES. */
export const exportKey = (userId: number, instanceId: string) => `account-exports/${userId}/${instanceId}.json`

/**
 * What the account-deletion steps do to D1 and R2. Made afresh for every step attempt; it reads and writes the
 * primary database directly: an export must see the latest posts and a confirmation the deletion, which a
 * replica's session might not yet.
 */
export class AccountStore {
  constructor(
    private readonly db: D1Database,
    private readonly files: R2Bucket,
  ) {}

  /** Writes the user's row (without the password hash), posts and comments to R2 as one JSON document. */
  async exportAccount(userId: number, key: string): Promise<{ bytes: number }> {
    const { db } = this
    const [user, posts, comments] = await db.batch([
      db.prepare('SELECT id, name, email, age, role, created_at, updated_at FROM users WHERE id = ?').bind(userId),
      db.prepare('SELECT id, title, content, created_at FROM posts WHERE author_id = ? ORDER BY id').bind(userId),
      db.prepare('SELECT id, post_id, body, created_at FROM comments WHERE author_id = ? ORDER BY id').bind(userId),
    ])
    const row = user!.results[0]
    if (!row) throw new Error(`User ${userId} does not exist`)
    const body = JSON.stringify({ user: row, posts: posts!.results, comments: comments!.results })
    await this.files.put(key, body, { httpMetadata: { contentType: 'application/json' } })
    return { bytes: body.length }
  }

  /** Ends every token and session of the user, and the API keys they created, in one transaction. */
  async revokeCredentials(userId: number): Promise<void> {
    const { db } = this
    await db.batch([
      ...endAllStatements(db, userId),
      db
        .prepare('UPDATE api_keys SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL')
        .bind(new Date().toISOString(), userId),
    ])
  }

  /** Deletes the user (posts, comments, notifications and refresh families go with it) and their sessions. */
  async deleteRows(userId: number): Promise<void> {
    await this.db.batch([
      this.db.prepare('DELETE FROM sessions WHERE subject = ?').bind(String(userId)),
      this.db.prepare('DELETE FROM users WHERE id = ?').bind(userId),
    ])
  }

  /** Whether the user's row is gone. */
  async isDeleted(userId: number): Promise<boolean> {
    return !(await this.db.prepare('SELECT 1 FROM users WHERE id = ?').bind(userId).first())
  }
}

/** The account-deletion steps' store. */
export const Accounts = dependency<AccountStore>('accountStore')

/** Provides `Accounts` on the environment's DB and FILES bindings. */
export const provideAccounts = provide(Accounts, ({ env }) => new AccountStore(env.DB, env.FILES))
