import { cron } from '../../core/triggers'
import { SESSION_ABSOLUTE, SESSION_IDLE } from '../auth/sessions'
import { REFRESH_TOKEN_TTL } from '../auth/tokens'
import { Db } from '../common/db'

/** What one purge deleted, logged with the run. */
export interface Purged {
  readonly sessions: number
  readonly refreshFamilies: number
  readonly idempotencyRecords: number
}

// A minute beyond each lifetime: token checks allow a few seconds of clock skew, and nothing is gained by cutting close.
const MARGIN = 60_000

/**
 * Deletes expired sessions, refresh families and idempotency records
 * @remarks
 * Nightly at 03:00 UTC: deletes cookie sessions past their idle or absolute lifetime, refresh families that were
 * revoked (their tokens are refused with or without the row), and families whose newest refresh token has
 * expired, and Idempotency-Key records past their time (a keyed insert also deletes a few as it goes). Every request
 * checks these rows itself, so the purge only keeps the tables small; room tickets live in each room's storage and
 * are swept by its own alarm, as idempotency answers are by their object's.
 */
export const purgeExpired = cron(
  '0 3 * * *',
  {
    name: 'purge-expired',
    inject: { db: Db },
  },
  async ({ deps: { db } }): Promise<Purged> => {
    const now = Date.now()
    const [sessions, families, records] = await db.batch([
      db
        .prepare('DELETE FROM sessions WHERE seen_at < ? OR created_at < ?')
        .bind(now - SESSION_IDLE * 1000 - MARGIN, now - SESSION_ABSOLUTE * 1000 - MARGIN),
      db
        .prepare('DELETE FROM refresh_families WHERE revoked_at IS NOT NULL OR COALESCE(refreshed_at, created_at) < ?')
        .bind(now - REFRESH_TOKEN_TTL * 1000 - MARGIN),
      db.prepare('DELETE FROM idempotency_records WHERE expires_at < ?').bind(now),
    ])
    return {
      sessions: sessions!.meta.changes,
      refreshFamilies: families!.meta.changes,
      idempotencyRecords: records!.meta.changes,
    }
  },
)
