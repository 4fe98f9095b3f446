/** Per-connection, per-holder and per-room limits of a room object: its configuration (override fields to change). */
export interface RoomLimits {
  /** Largest inbound message in bytes; a bigger one closes the socket with 1009 (message too big). */
  readonly maxMessageBytes: number
  /** Inbound messages per connection per second; more close the socket with 1008 (policy violation). */
  readonly messagesPerSecond: number
  /** Messages kept for replay to joiners. */
  readonly history: number
  /** Seconds an upgrade ticket stays valid. */
  readonly ticketTtl: number
  /** Tickets one user may be issued for the room per `ticketTtl` seconds; past it, 429 with Retry-After. */
  readonly ticketsPerUser: number
  /** Open connections per room; past it an upgrade is refused with 503. */
  readonly maxConnections: number
  /** Open connections of one user in the room; past it the upgrade is refused with 429 and Retry-After. */
  readonly socketsPerUser: number
  /** Open connections from one client address (an IPv6 /64) in the room; past it, 429. */
  readonly socketsPerAddress: number
  /** Open connections of one user across every room (counted by the room's ledger, if it has one); past it, 429. */
  readonly socketsPerUserAcrossRooms: number
  /** Open connections from one address across every room (counted by the ledger); past it, 429. */
  readonly socketsPerAddressAcrossRooms: number
  /** The Retry-After, in seconds, of a refused upgrade (sockets do not expire: this is a hint to back off). */
  readonly retryAfter: number
}

/**
 * The defaults: small text messages, a human's typing rate with bursts, the last 50 messages; a person's few tabs
 * and devices per room (5) and overall (20); an office or a household behind one address (20 per room, 100 overall).
 */
export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  maxMessageBytes: 4096,
  messagesPerSecond: 10,
  history: 50,
  ticketTtl: 30,
  ticketsPerUser: 10,
  maxConnections: 1000,
  socketsPerUser: 5,
  socketsPerAddress: 20,
  socketsPerUserAcrossRooms: 20,
  socketsPerAddressAcrossRooms: 100,
  retryAfter: 30,
}

/** WebSocket close codes the room uses (RFC 6455 section 7.4.1). */
export const CLOSE = { normal: 1000, unsupported: 1003, policy: 1008, tooBig: 1009 } as const
