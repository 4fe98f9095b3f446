import { DurableObject } from 'cloudflare:workers'
import type { StoredResponse } from './stored-response'

/** What a keyed request asks its caller's object: run it, or answer from what the key already holds. */
export interface BeginRequest {
  /** The key within the caller's object (the SHA-256 of the caller and the Idempotency-Key). */
  readonly key: string
  readonly fingerprint: string
  /** Epoch milliseconds, by the Worker's clock: the object decides expiry and leases by it. */
  readonly now: number
  /** How long the record lives, and how long a running request holds the key, in milliseconds. */
  readonly ttl: number
  readonly lease: number
}

/** The object's decision for one keyed request. */
export type IdempotencyDecision =
  | { readonly kind: 'run'; readonly token: string }
  | { readonly kind: 'busy'; readonly retryAfter: number }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }

/** A finished key: what the first request answered, kept until it expires. */
interface KeyRecord {
  readonly fingerprint: string
  readonly expiresAt: number
  readonly response: StoredResponse
}

/** A running key: who holds it, until when. */
interface Lease {
  readonly fingerprint: string
  readonly token: string
  readonly until: number
}

// A key's state under `k:<key>`; its expiry under `e:<expiresAt, zero-padded>:<key>`, so a listing up to now is
// exactly what expired, in order.
const stateKey = (key: string) => `k:${key}`
const expiryKey = (at: number, key: string) => `e:${String(at).padStart(15, '0')}:${key}`
const SWEEP = 128

/**
 * One object per caller, deciding each of its Idempotency-Keys: the first request runs (holding a lease), a repeat
 * while it runs is `busy`, a repeat with another fingerprint a `mismatch`, a repeat after it finished gets its
 * stored response. A Durable Object delivers no other call while one awaits its storage, and leases live in its
 * memory, so two requests with one key can never both be told to run. Per caller rather than per key: creating an
 * object is most of a call's cost (measured in `npm run bench`), and a caller's writes reuse theirs. Leases are not
 * written: one lost with the object (an eviction, a deploy) lets a retry run, and the record a repository commits
 * with its insert keeps that retry from inserting twice; so a keyed write costs one storage write, the response's.
 * An alarm deletes expired records.
 * @example export class IdempotencyKeys extends IdempotencyObject {} // in the Worker entry, bound as IDEMPOTENCY
 */
export class IdempotencyObject extends DurableObject<Cloudflare.Env> {
  private readonly leases = new Map<string, Lease>()
  /** When the alarm is set for, once read: records are added in expiry order, so it rarely moves. */
  private alarmAt: number | null | undefined

  /** Decides one request: run it (taking the lease) or answer from the record. */
  async begin(request: BeginRequest): Promise<IdempotencyDecision> {
    const { key, fingerprint, now, ttl, lease } = request
    const held = this.leases.get(key)
    if (held && held.until > now)
      return held.fingerprint === fingerprint
        ? { kind: 'busy', retryAfter: Math.max(1, Math.ceil((held.until - now) / 1000)) }
        : { kind: 'mismatch' }
    const record = await this.ctx.storage.get<KeyRecord>(stateKey(key))
    if (record && record.expiresAt > now)
      return record.fingerprint === fingerprint ? { kind: 'replay', response: record.response } : { kind: 'mismatch' }
    // A new or expired key, or a run whose holder vanished (its lease ran out): this request runs. (Another call may
    // have taken the key while this one read storage: check again.)
    const again = this.leases.get(key)
    if (again && again.until > now && again !== held) return this.begin(request)
    const token = crypto.randomUUID()
    this.leases.set(key, { fingerprint, token, until: now + Math.min(lease, ttl) })
    return { kind: 'run', token }
  }

  /** Stores the lease holder's response; a holder whose lease was taken over stores nothing. */
  async complete(key: string, token: string, response: StoredResponse, expiresAt: number): Promise<boolean> {
    const held = this.leases.get(key)
    if (held?.token !== token) return false
    const record: KeyRecord = { fingerprint: held.fingerprint, expiresAt, response }
    await this.ctx.storage.put({ [stateKey(key)]: record, [expiryKey(expiresAt, key)]: key })
    this.leases.delete(key)
    await this.arm(expiresAt)
    return true
  }

  /** Gives the key up after a failure (a 5xx): the next request with it runs again. */
  release(key: string, token: string): void {
    if (this.leases.get(key)?.token === token) this.leases.delete(key)
  }

  /** Deletes expired records, a batch at a time, and re-arms for the next one to expire. */
  override async alarm(): Promise<void> {
    this.alarmAt = undefined
    const now = Date.now()
    for (const [key, lease] of this.leases) if (lease.until <= now) this.leases.delete(key)
    const expired = await this.ctx.storage.list<string>({ prefix: 'e:', end: expiryKey(now + 1, ''), limit: SWEEP })
    if (expired.size) {
      const keys = [...new Set(expired.values())]
      const records = await this.ctx.storage.get<KeyRecord>(keys.map(stateKey))
      // A key used again after it expired has a newer record (and index entry): only the expired one goes.
      const stale = keys.filter((k) => (records.get(stateKey(k))?.expiresAt ?? 0) <= now).map(stateKey)
      await this.ctx.storage.delete([...expired.keys(), ...stale])
    }
    const [next] = await this.ctx.storage.list<string>({ prefix: 'e:', limit: 1 })
    if (next) await this.arm(expired.size === SWEEP ? now : Number(next[0].split(':')[1]))
    else if (!this.leases.size) await this.ctx.storage.deleteAll()
  }

  private async arm(at: number): Promise<void> {
    if (this.alarmAt === undefined) this.alarmAt = await this.ctx.storage.getAlarm()
    if (this.alarmAt !== null && this.alarmAt <= at) return
    this.alarmAt = at
    await this.ctx.storage.setAlarm(at)
  }
}
