/** What presenting a refresh token of a family's generation did; a rotation also reads the credential version. */
export type Rotation =
  | { readonly outcome: 'rotated'; readonly version: number | undefined }
  | { readonly outcome: 'reused' }
  | { readonly outcome: 'revoked' }

/** Where a login's tokens stand: its family, the generation of its next refresh token, the account's version. */
export interface FamilyPosition {
  readonly family: string
  readonly generation: number
  readonly version: number
}

const versionOf = (db: D1Database, userId: number) =>
  db.prepare('SELECT credential_version AS version FROM users WHERE id = ?').bind(userId)

/**
 * Starts a family for a login (its first refresh token has generation 0) and reads the credential version its tokens
 * carry, in one D1 batch (one round trip, one transaction) after `before`: a password change's statements commit
 * with the family of the client that made it, and the version read is the one they left.
 */
export async function startFamily(
  db: D1Database,
  userId: number,
  before: readonly D1PreparedStatement[] = [],
): Promise<FamilyPosition> {
  const family = crypto.randomUUID()
  const results = await db.batch([
    ...before,
    db
      .prepare('INSERT INTO refresh_families (id, user_id, created_at) VALUES (?, ?, ?)')
      .bind(family, userId, Date.now()),
    versionOf(db, userId),
  ])
  const row = results.at(-1)!.results[0] as { version: number } | undefined
  return { family, generation: 0, version: row?.version ?? 1 }
}

/** Revokes a family: its refresh tokens and its access tokens stop working. */
export async function revokeFamily(db: D1Database, id: string): Promise<void> {
  await db
    .prepare('UPDATE refresh_families SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
    .bind(Date.now(), id)
    .run()
}

/**
 * Moves a family on from `generation` to the next, in one conditional UPDATE so two concurrent refreshes with
 * one token cannot both win, and reads the account's credential version in the same batch (one round trip, one
 * transaction). A token of any other generation (or the loser of that race) is a reuse: the whole family is
 * revoked, because either the client or a thief holds a copy that should no longer exist.
 */
export async function rotate(db: D1Database, id: string, userId: number, generation: number): Promise<Rotation> {
  const [moved, version] = await db.batch([
    db
      .prepare(
        `UPDATE refresh_families SET generation = generation + 1, refreshed_at = ?
         WHERE id = ? AND user_id = ? AND generation = ? AND revoked_at IS NULL`,
      )
      .bind(Date.now(), id, userId, generation),
    versionOf(db, userId),
  ])
  if (moved!.meta.changes > 0)
    return { outcome: 'rotated', version: (version!.results[0] as { version: number } | undefined)?.version }
  const row = await db
    .prepare('SELECT revoked_at FROM refresh_families WHERE id = ? AND user_id = ?')
    .bind(id, userId)
    .first<{ revoked_at: number | null }>()
  if (!row || row.revoked_at !== null) return { outcome: 'revoked' }
  await revokeFamily(db, id)
  return { outcome: 'reused' }
}
