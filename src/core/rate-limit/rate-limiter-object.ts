import { DurableObject } from 'cloudflare:workers'

/** What one counted request learns from its limiter. */
export interface RateLimitDecision {
  readonly allowed: boolean
  /** Requests left in the window after this one. */
  readonly remaining: number
  /** Seconds until the oldest counted request leaves the window (a slot frees). */
  readonly reset: number
}

// Keys sort by expiry, so a listing is the log in order.
const keyOf = (expires: number, seq: number) => `hit:${String(expires).padStart(15, '0')}:${seq}`
const expiryOf = (key: string) => Number(key.split(':')[1])

/**
 * One limiter per identifier (policy + client): an exact sliding-window log. The log lives in memory and
 * `hit` decides synchronously; a Durable Object runs one such call at a time, so concurrent requests can
 * never be over-admitted. Each admitted hit is also written to storage without holding the response for
 * the write (`allowUnconfirmed`), so the log survives eviction; an alarm deletes expired entries and, once
 * none are left, all of the object's storage.
 * @example export class RateLimiter extends RateLimiterObject {} // in the Worker entry, bound as RATE_LIMITER
 */
export class RateLimiterObject extends DurableObject<Cloudflare.Env> {
  /** Expiry times (ms) of the counted requests, oldest first. */
  private log: number[] = []
  private seq = 0
  private alarmAt: number | undefined

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env)
    void ctx.blockConcurrencyWhile(async () => {
      const stored = await ctx.storage.list({ prefix: 'hit:' })
      this.log = [...stored.keys()].map(expiryOf)
      this.seq = stored.size
      this.alarmAt = (await ctx.storage.getAlarm()) ?? undefined
    })
  }

  /** Counts one request against `limit` per `window` seconds, if it fits. */
  hit(limit: number, window: number): RateLimitDecision {
    if (!Number.isInteger(limit) || limit < 1 || !(window > 0))
      throw new RangeError('limit and window must be positive')
    const now = Date.now()
    const windowMs = Math.round(window * 1000)
    let expired = 0
    while (expired < this.log.length && this.log[expired]! <= now) expired++
    if (expired) this.log.splice(0, expired)
    const count = this.log.length
    const allowed = count < limit
    if (allowed) {
      this.log.push(now + windowMs)
      void this.ctx.storage.put(keyOf(now + windowMs, this.seq++), 1, { allowUnconfirmed: true })
    }
    if (this.alarmAt === undefined) {
      this.alarmAt = now + windowMs
      void this.ctx.storage.setAlarm(this.alarmAt)
    }
    const first = this.log[0] ?? now + windowMs
    return {
      allowed,
      remaining: allowed ? limit - count - 1 : 0,
      reset: Math.max(0, Math.ceil((first - now) / 1000)),
    }
  }

  /** Deletes expired entries; re-arms while any remain, and clears all storage once none do. */
  override async alarm(): Promise<void> {
    this.alarmAt = undefined
    const now = Date.now()
    const keys = [...(await this.ctx.storage.list({ prefix: 'hit:' })).keys()]
    const expired = keys.filter((k) => expiryOf(k) <= now)
    for (let i = 0; i < expired.length; i += 128) await this.ctx.storage.delete(expired.slice(i, i + 128))
    this.log = this.log.filter((e) => e > now)
    const last = keys.length > expired.length ? expiryOf(keys[keys.length - 1]!) : undefined
    if (last !== undefined) {
      this.alarmAt = last
      await this.ctx.storage.setAlarm(last)
      return
    }
    await this.ctx.storage.deleteAll()
  }

  /** Answers health checks. */
  ping(): string {
    return 'pong'
  }
}
