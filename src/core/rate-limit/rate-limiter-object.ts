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
 * The longest an admitted hit waits in memory before it is written. Every write ends in a commit, and a commit
 * costs the object several decisions' worth of time (measured in `npm run bench`), so hits that arrive within
 * this time of the last write share the next one; a hit after a quieter spell is written at once.
 */
export const FLUSH_MS = 5

// One key per expiry millisecond and write, its value the hits it holds; keys sort by expiry, so a listing is
// the log in order. The per-hit layout this replaces is the same with a count of 1, so it still loads.
const keyOf = (expires: number, seq: number) => `hit:${String(expires).padStart(15, '0')}:${seq}`
const parse = (key: string) => key.split(':').map(Number) as [number, number, number]

/**
 * One limiter per identifier (policy + client): an exact sliding-window log. The log lives in memory and
 * `hit` decides synchronously; a Durable Object runs one such call at a time, so concurrent requests can
 * never be over-admitted. Admitted hits are written to storage at most every `FLUSH_MS` (at once when the
 * object was quiet, otherwise together with the hits around them, in one write), without holding responses
 * for the write (`allowUnconfirmed`); the constructor reloads them after an eviction. An alarm deletes
 * expired entries and, once none are left, all of the object's storage.
 * @example export class RateLimiter extends RateLimiterObject {} // in the Worker entry, bound as RATE_LIMITER
 */
export class RateLimiterObject extends DurableObject<Cloudflare.Env> {
  /** Expiry times (ms) of the counted requests, oldest first. */
  private log: number[] = []
  /** Admitted hits not yet written: how many per expiry time. */
  private pending = new Map<number, number>()
  private seq = 0
  private lastFlush = 0
  private flushTimer: ReturnType<typeof setTimeout> | undefined
  private alarmAt: number | undefined

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env)
    // A failed load resets the object and fails every call, so the caller's onUnavailable decides: the object
    // never decides from a log it could not read.
    void ctx.blockConcurrencyWhile(async () => {
      const now = Date.now()
      for (const [key, count] of await ctx.storage.list<number>({ prefix: 'hit:' })) {
        const [, expires, seq] = parse(key)
        this.seq = Math.max(this.seq, seq + 1)
        if (expires > now) for (let i = 0; i < count; i++) this.log.push(expires)
      }
      this.log.sort((a, b) => a - b)
      this.alarmAt = (await ctx.storage.getAlarm()) ?? undefined
    })
  }

  /** Counts one request against `limit` per `window` seconds, if it fits. */
  hit(limit: number, window: number): RateLimitDecision {
    if (!Number.isInteger(limit) || limit < 1 || !(window > 0))
      throw new RangeError('limit and window must be positive')
    const now = Date.now()
    const expires = now + Math.round(window * 1000)
    let expired = 0
    while (expired < this.log.length && this.log[expired]! <= now) expired++
    if (expired) this.log.splice(0, expired)
    const count = this.log.length
    const allowed = count < limit
    if (allowed) {
      this.log.push(expires)
      this.pending.set(expires, (this.pending.get(expires) ?? 0) + 1)
      const wait = this.lastFlush + FLUSH_MS - now
      // Under load the next hit flushes on time; the timer writes the last hits of a burst.
      if (wait <= 0) this.flush()
      else this.flushTimer ??= setTimeout(() => this.flush(), wait)
    }
    if (this.alarmAt === undefined) {
      this.alarmAt = expires
      void this.ctx.storage.setAlarm(this.alarmAt)
    }
    const first = this.log[0] ?? expires
    return {
      allowed,
      remaining: allowed ? limit - count - 1 : 0,
      reset: Math.max(0, Math.ceil((first - now) / 1000)),
    }
  }

  /** Deletes expired entries; re-arms while any remain, and clears all storage once none do. */
  override async alarm(): Promise<void> {
    this.alarmAt = undefined
    this.flush()
    const now = Date.now()
    this.log = this.log.filter((e) => e > now)
    const last = this.log.at(-1)
    if (last === undefined) {
      await this.ctx.storage.deleteAll()
      return
    }
    const keys = [...(await this.ctx.storage.list({ prefix: 'hit:' })).keys()]
    const expired = keys.filter((k) => parse(k)[1] <= now)
    for (let i = 0; i < expired.length; i += 128) await this.ctx.storage.delete(expired.slice(i, i + 128))
    this.alarmAt = last
    await this.ctx.storage.setAlarm(last)
  }

  /** Answers health checks. */
  ping(): string {
    return 'pong'
  }

  /** Writes the pending hits, up to 128 keys per put (the storage API's limit). */
  private flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    if (!this.pending.size) return
    this.lastFlush = Date.now()
    const entries = [...this.pending].map(([expires, n]): [string, number] => [keyOf(expires, this.seq++), n])
    this.pending.clear()
    for (let i = 0; i < entries.length; i += 128)
      void this.ctx.storage.put(Object.fromEntries(entries.slice(i, i + 128)), { allowUnconfirmed: true })
  }
}
