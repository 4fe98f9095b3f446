/** A notification for a user, written at most once per `dedupeKey`. */
export interface Notification {
  readonly userId: number
  readonly kind: string
  readonly message: string
  readonly dedupeKey: string
}

/**
 * Stores a notification unless one with its key exists (a redelivered queue message) or the user is gone
 * (deleted before the listener ran): neither is an error worth a retry.
 */
export async function notify(db: D1Database, n: Notification): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO notifications (user_id, kind, message, dedupe_key)
       SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM users WHERE id = ?1)
       ON CONFLICT (dedupe_key) DO NOTHING`,
    )
    .bind(n.userId, n.kind, n.message, n.dedupeKey)
    .run()
  return result.meta.changes > 0
}
