import type { RoomPrincipal } from './room-frames'

const PREFIX = 'ticket:'
const TICKET = /^[A-Za-z0-9_-]{43}$/

interface Stored {
  readonly principal: RoomPrincipal
  readonly expires: number
}

const randomTicket = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/**
 * Stores a fresh ticket in the room's storage and arms an alarm to sweep it. The room object runs one call at a
 * time, so a ticket redeemed twice concurrently is still redeemed once.
 */
export async function issueTicket(
  storage: DurableObjectStorage,
  principal: RoomPrincipal,
  ttl: number,
): Promise<{ ticket: string; expiresIn: number }> {
  const ticket = randomTicket()
  const expires = Date.now() + ttl * 1000
  await storage.put<Stored>(PREFIX + ticket, { principal, expires })
  if ((await storage.getAlarm()) === null) await storage.setAlarm(expires + 1000)
  return { ticket, expiresIn: ttl }
}

/** Deletes and returns a ticket's principal, if the ticket exists and has not expired. */
export async function redeemTicket(storage: DurableObjectStorage, ticket: string): Promise<RoomPrincipal | null> {
  if (!TICKET.test(ticket)) return null
  const key = PREFIX + ticket
  const stored = await storage.get<Stored>(key)
  if (!stored) return null
  await storage.delete(key)
  return stored.expires > Date.now() ? stored.principal : null
}

/** Deletes expired tickets; re-arms while unexpired ones remain. */
export async function sweepTickets(storage: DurableObjectStorage): Promise<void> {
  const now = Date.now()
  const all = await storage.list<Stored>({ prefix: PREFIX })
  const expired = [...all].filter(([, s]) => s.expires <= now).map(([k]) => k)
  for (let i = 0; i < expired.length; i += 128) await storage.delete(expired.slice(i, i + 128))
  const next = Math.min(...[...all.values()].filter((s) => s.expires > now).map((s) => s.expires))
  if (Number.isFinite(next)) await storage.setAlarm(next + 1000)
}
