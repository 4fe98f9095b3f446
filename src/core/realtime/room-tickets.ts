import { randomToken } from '../kernel/random-token'
import type { RoomPrincipal } from './room-principal'

const PREFIX = 'ticket:'
/** Per user: when each ticket issued within the last TTL expires, to cap how many one user is issued. */
const ISSUED = 'issued:'
const TICKET = /^[A-Za-z0-9_-]{43}$/

/** A ticket, or why none was issued (data, not a throw: it crosses the Durable Object's RPC boundary intact). */
export type TicketResult =
  | { readonly ticket: string; readonly expiresIn: number }
  | { readonly refused: string; readonly retryAfter: number }

interface Stored {
  readonly principal: RoomPrincipal
  readonly expires: number
}

/**
 * Stores a fresh ticket in the room's storage and arms an alarm to sweep it. The room object runs one call at a
 * time, so a ticket redeemed twice concurrently is still redeemed once. A user issued `perUser` tickets within
 * the last `ttl` seconds is refused with 429 and the seconds until the oldest of them expires.
 */
export async function issueTicket(
  storage: DurableObjectStorage,
  principal: RoomPrincipal,
  ttl: number,
  perUser: number,
): Promise<TicketResult> {
  const now = Date.now()
  const recent = ((await storage.get<number[]>(ISSUED + principal.id)) ?? []).filter((t) => t > now)
  if (recent.length >= perUser)
    return {
      refused: `At most ${perUser} tickets per user per ${ttl} seconds for this room`,
      retryAfter: Math.max(1, Math.ceil((Math.min(...recent) - now) / 1000)),
    }
  const ticket = randomToken()
  const expires = now + ttl * 1000
  await storage.put<number[]>(ISSUED + principal.id, [...recent, expires])
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

/** Deletes the keys whose value is `done`, 128 at a time (the most one delete takes). */
async function deleteWhere<T>(storage: DurableObjectStorage, entries: Map<string, T>, done: (value: T) => boolean) {
  const keys = [...entries].filter(([, value]) => done(value)).map(([k]) => k)
  for (let i = 0; i < keys.length; i += 128) await storage.delete(keys.slice(i, i + 128))
}

/** Deletes expired tickets and issue records; re-arms while unexpired tickets remain. */
export async function sweepTickets(storage: DurableObjectStorage): Promise<void> {
  const now = Date.now()
  const issued = await storage.list<number[]>({ prefix: ISSUED })
  await deleteWhere(storage, issued, (times) => times.every((t) => t <= now))
  const all = await storage.list<Stored>({ prefix: PREFIX })
  await deleteWhere(storage, all, (s) => s.expires <= now)
  const next = Math.min(...[...all.values()].filter((s) => s.expires > now).map((s) => s.expires))
  if (Number.isFinite(next)) await storage.setAlarm(next + 1000)
}
