import { DurableObject } from 'cloudflare:workers'

/** What one counted request learns from its limiter. */
export interface RateLimitDecision {
  readonly allowed: boolean
  /** Requests left in the window after this one. */
  readonly remaining: number
  /** Seconds until the oldest counted request leaves the window (a slot frees). */
  readonly reset: number
}

/**
 * One limiter per identifier (policy + client): an exact sliding-window log in the object's SQLite storage.
 * `hit` runs synchronously from read to write, and a Durable Object runs one such call at a time, so
 * concurrent requests can never be over-admitted. An alarm deletes expired rows and, once none are left,
 * all of the object's storage.
 * @example export class RateLimiter extends RateLimiterObject {} // in the Worker entry, bound as RATE_LIMITER
 */
export class RateLimiterObject extends DurableObject<Cloudflare.Env> {
  private ready = false
  private alarmAt: number | undefined

  private table(): SqlStorage {
    const sql = this.ctx.storage.sql
    if (!this.ready) {
      sql.exec('CREATE TABLE IF NOT EXISTS hits (expires INTEGER NOT NULL)')
      sql.exec('CREATE INDEX IF NOT EXISTS hits_expires ON hits (expires)')
      this.ready = true
    }
    return sql
  }

  /** Counts one request against `limit` per `window` seconds, if it fits. */
  hit(limit: number, window: number): RateLimitDecision {
    if (!Number.isInteger(limit) || limit < 1 || !(window > 0))
      throw new RangeError('limit and window must be positive')
    const sql = this.table()
    const now = Date.now()
    const windowMs = Math.round(window * 1000)
    sql.exec('DELETE FROM hits WHERE expires <= ?', now)
    const row = sql
      .exec<{ n: number; first: number | null }>('SELECT COUNT(*) AS n, MIN(expires) AS first FROM hits')
      .one()
    const allowed = row.n < limit
    if (allowed) sql.exec('INSERT INTO hits (expires) VALUES (?)', now + windowMs)
    const first = row.first ?? now + windowMs
    if (this.alarmAt === undefined) {
      this.alarmAt = now + windowMs
      void this.ctx.storage.setAlarm(this.alarmAt)
    }
    return {
      allowed,
      remaining: allowed ? limit - row.n - 1 : 0,
      reset: Math.max(0, Math.ceil((first - now) / 1000)),
    }
  }

  /** Drops expired rows; re-arms while any remain, and clears all storage once none do. */
  override async alarm(): Promise<void> {
    this.alarmAt = undefined
    const sql = this.table()
    sql.exec('DELETE FROM hits WHERE expires <= ?', Date.now())
    const last = sql.exec<{ last: number | null }>('SELECT MAX(expires) AS last FROM hits').one().last
    if (last !== null) {
      this.alarmAt = last
      await this.ctx.storage.setAlarm(last)
      return
    }
    await this.ctx.storage.deleteAll()
    this.ready = false
  }

  /** Answers health checks. */
  ping(): string {
    return 'pong'
  }
}
