/** What presenting a refresh token of a family's generation did. */
export type Rotation = 'rotated' | 'reused' | 'revoked'

/** Starts a family for a login; its first refresh token has generation 0. */
export async function createFamily(db: D1Database, userId: number): Promise<string> {
  const id = crypto.randomUUID()
  await db
    .prepare('INSERT INTO refresh_families (id, user_id, created_at) VALUES (?, ?, ?)')
    .bind(id, userId, Date.now())
    .run()
  return id
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
 * one token cannot both win. A token of any other generation (or the loser of that race) is a reuse: the whole
 * family is revoked, because either the client or a thief holds a copy that should no longer exist.
 */
export async function rotate(db: D1Database, id: string, userId: number, generation: number): Promise<Rotation> {
  const moved = await db
    .prepare(
      `UPDATE refresh_families SET generation = generation + 1, refreshed_at = ?
       WHERE id = ? AND user_id = ? AND generation = ? AND revoked_at IS NULL`,
    )
    .bind(Date.now(), id, userId, generation)
    .run()
  if (moved.meta.changes > 0) return 'rotated'
  const row = await db
    .prepare('SELECT revoked_at FROM refresh_families WHERE id = ? AND user_id = ?')
    .bind(id, userId)
    .first<{ revoked_at: number | null }>()
  if (!row || row.revoked_at !== null) return 'revoked'
  await revokeFamily(db, id)
  return 'reused'
}
