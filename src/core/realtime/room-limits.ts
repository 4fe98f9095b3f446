/** Per-connection and per-room limits of a room object. */
export interface RoomLimits {
  /** Largest inbound message in bytes; a bigger one closes the socket with 1009 (message too big). */
  readonly maxMessageBytes: number
  /** Inbound messages per connection per second; more close the socket with 1008 (policy violation). */
  readonly messagesPerSecond: number
  /** Messages kept for replay to joiners. */
  readonly history: number
  /** Seconds an upgrade ticket stays valid. */
  readonly ticketTtl: number
  /** Open connections per room; past it an upgrade is refused with 503. */
  readonly maxConnections: number
}

/** The defaults: small text messages, a human's typing rate with bursts, the last 50 messages. */
export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  maxMessageBytes: 4096,
  messagesPerSecond: 10,
  history: 50,
  ticketTtl: 30,
  maxConnections: 1000,
}

/** WebSocket close codes the room uses (RFC 6455 section 7.4.1). */
export const CLOSE = { normal: 1000, unsupported: 1003, policy: 1008, tooBig: 1009 } as const
