import type { Role } from './principal'

/** What every authenticated request reads: the account's role and credential version, and the token's family. */
export interface AccountState {
  readonly role: Role
  readonly credentialVersion: number
  /** The refresh family the token names, when it exists and is unrevoked; else null. */
  readonly activeFamily: string | null
}

/**
 * One D1 query per authenticated request: the user's role and credential version, and whether the token's
 * refresh family is still active. Null when the user is gone. Run on the request's D1 session (`Db`), so it
 * may be answered by a read replica at least as new as the client's bookmark (see docs/security.md for the window).
 */
export function accountState(
  db: Pick<D1Database, 'prepare'>,
  userId: number,
  family?: string,
): Promise<AccountState | null> {
  return db
    .prepare(
      `SELECT u.role, u.credential_version AS credentialVersion, f.id AS activeFamily FROM users u
       LEFT JOIN refresh_families f ON f.id = ?2 AND f.user_id = u.id AND f.revoked_at IS NULL WHERE u.id = ?1`,
    )
    .bind(userId, family ?? null)
    .first<AccountState>()
}

/** The statements that end every credential of a user: tokens (version bump, families) and sessions. */
export const endAllStatements = (db: D1Database, userId: number, keepSession?: string): D1PreparedStatement[] => [
  db.prepare('UPDATE users SET credential_version = credential_version + 1 WHERE id = ?').bind(userId),
  db
    .prepare('UPDATE refresh_families SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
    .bind(Date.now(), userId),
  db.prepare('DELETE FROM sessions WHERE subject = ? AND id IS NOT ?').bind(String(userId), keepSession ?? null),
]

/** Log out everywhere: every token and session of the user stops working on its next request. */
export async function endEverything(db: D1Database, userId: number): Promise<void> {
  await db.batch(endAllStatements(db, userId))
}

/** The statements of a password change: the new hash and, in the same transaction, the end of every credential. */
export const passwordChangeStatements = (
  db: D1Database,
  userId: number,
  passwordHash: string,
): D1PreparedStatement[] => [
  db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').bind(passwordHash, userId),
  ...endAllStatements(db, userId),
]
