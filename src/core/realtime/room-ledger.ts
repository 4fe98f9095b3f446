import { DurableObject } from 'cloudflare:workers'

const PREFIX = 'room:'
/** A room's count older than this is forgotten: a room whose sockets were dropped by a deploy never reports. */
const STALE_MS = 24 * 60 * 60 * 1000

interface Entry {
  readonly count: number
  readonly at: number
}

/** What a room calls on a ledger: its stub, or anything with the same method. */
export interface RoomLedgerStub {
  /** Sets this room's count of the holder's open sockets; a rise that would pass `limit` is refused (false). */
  report(room: string, count: number, limit: number): Promise<boolean>
}

/**
 * Counts one holder's open sockets (a user's, an address's) across every room: one object per holder, named
 * `user:<id>` or `addr:<address>`. Each room reports its own count for the holder when a socket opens or closes
 * (a count, not an increment, so a lost report heals at the next one), and a report that would take the total past
 * the limit is refused, which the room answers with 429. A room's count not refreshed for a day is dropped.
 * @example export class Ledger extends RoomLedger {} // wrangler.toml: a Durable Object binding, e.g. ROOM_LEDGER
 */
export class RoomLedger extends DurableObject<Cloudflare.Env> implements RoomLedgerStub {
  async report(room: string, count: number, limit: number): Promise<boolean> {
    const now = Date.now()
    const all = await this.ctx.storage.list<Entry>({ prefix: PREFIX })
    let others = 0
    let previous = 0
    const stale: string[] = []
    for (const [key, entry] of all) {
      if (now - entry.at > STALE_MS) stale.push(key)
      else if (key === PREFIX + room) previous = entry.count
      else others += entry.count
    }
    if (stale.length) await this.ctx.storage.delete(stale)
    if (count > previous && others + count > limit) return false
    if (count > 0) await this.ctx.storage.put<Entry>(PREFIX + room, { count, at: now })
    else await this.ctx.storage.delete(PREFIX + room)
    return true
  }
}
