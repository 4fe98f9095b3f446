import { DurableObject } from 'cloudflare:workers'
import * as v from 'valibot'
import { HttpError } from '../kernel/errors'
import { problemResponse } from '../kernel/problem'
import { isUpgrade } from './is-upgrade'
import { refusal } from './refusal'
import type { RoomFrame } from './room-frames'
import { type Attachment, judgeInbound } from './room-inbound'
import type { RoomLedgerStub } from './room-ledger'
import { CLOSE, DEFAULT_ROOM_LIMITS, type RoomLimits } from './room-limits'
import { ADDRESS_HEADER, PRINCIPAL_HEADER, RoomPrincipal } from './room-principal'
import { issueTicket, redeemTicket, sweepTickets, type TicketResult } from './room-tickets'

/** One open connection of a room. */
export interface RoomConnection {
  readonly socket: WebSocket
  readonly user: RoomPrincipal
  /** Messages this connection sent, including the current one. */
  readonly received: number
}

const HISTORY_KEY = 'history'
// A socket's tags, which also name its holders' ledgers.
const USER_TAG = (id: string) => `user:${id}`
const ADDR_TAG = (address: string) => `addr:${address}`
const ADDRESS = /^[0-9a-f.:/]{1,64}$|^unknown$/

/** Open sockets of a room carrying a tag, but `except`. */
function openSockets(ctx: DurableObjectState, tag: string, except?: WebSocket): number {
  let n = 0
  for (const ws of ctx.getWebSockets(tag)) if (ws !== except && ws.readyState === WebSocket.OPEN) n++
  return n
}

/** A socket's holders (its user's tag, then its address's), each with its cap in a room and across rooms. */
const holdersOf = (userId: string, address: string, limits: RoomLimits) =>
  [
    [USER_TAG(userId), limits.socketsPerUser, limits.socketsPerUserAcrossRooms, 'per user'],
    [ADDR_TAG(address), limits.socketsPerAddress, limits.socketsPerAddressAcrossRooms, 'per address'],
  ] as const
/**
 * A room: one Durable Object per room name, holding its WebSockets through the Hibernation API, so idle
 * connections cost no duration. Each socket is tagged `room` and `user:<id>`, carries its user and counters in
 * its attachment, and is answered `pong` to `ping` without waking the object. Inbound messages are JSON checked by
 * `inbound`: an invalid one gets an error frame naming the field and the socket stays open; one over
 * `maxMessageBytes` closes it with 1009, a burst over `messagesPerSecond` with 1008. Joiners get a welcome with
 * who is here and the last `history` messages; presence changes go to everyone.
 * @example export class ChatRoom extends RoomObject<ChatIn, ChatOut> { inbound = ChatIn; onMessage(from, m) { this.broadcast(...) } }
 */
export abstract class RoomObject<In, Out> extends DurableObject<Cloudflare.Env> {
  /** The schema every inbound message must match. */
  protected abstract readonly inbound: v.GenericSchema<unknown, In>
  /** The room's limits; override fields to change them. */
  protected readonly limits: RoomLimits = DEFAULT_ROOM_LIMITS
  private history: Out[] | undefined

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env)
    // Answered by the runtime itself, even while the object hibernates.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
  }

  /**
   * Where one holder's open sockets are counted across every room (`user:<id>`, `addr:<address>`): a `RoomLedger`
   * stub. Without one, only the per-room caps hold.
   * @example protected override ledger = (holder: string) => this.env.ROOM_LEDGER.getByName(holder)
   */
  protected ledger?(holder: string): RoomLedgerStub

  /** Handles a valid message from a connection. */
  protected abstract onMessage(from: RoomConnection, message: In): void | Promise<void>

  /** The upgrade, forwarded by `channel()` with the principal the Worker authenticated. */
  override async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname
    try {
      if (!isUpgrade(request))
        throw new HttpError(426, { detail: 'Expected a WebSocket upgrade', headers: { upgrade: 'websocket' } })
      const principal = v.safeParse(RoomPrincipal, JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? 'null'))
      if (!principal.success) throw new HttpError(401, { detail: 'No authenticated principal' })
      if (this.ctx.getWebSockets().length >= this.limits.maxConnections) throw refusal(503, 'The room is full', 30)
      const given = request.headers.get(ADDRESS_HEADER) ?? 'unknown'
      return await this.accept(principal.output, ADDRESS.test(given) ? given : 'unknown')
    } catch (e) {
      if (e instanceof HttpError) return problemResponse(e, path)
      throw e
    }
  }

  /** Refuses an upgrade past a per-holder cap: 429, with the room's Retry-After. */
  private tooMany(detail: string): never {
    throw refusal(429, detail, this.limits.retryAfter)
  }

  /** Checks the per-room caps, then claims the socket in the ledgers (and checks again: the claim awaited). */
  private async admit(user: RoomPrincipal, address: string): Promise<void> {
    const holders = holdersOf(user.id, address, this.limits)
    const local = () => {
      for (const [tag, cap, , per] of holders)
        if (openSockets(this.ctx, tag) >= cap) this.tooMany(`At most ${cap} open connections ${per} in a room`)
    }
    local()
    if (!this.ledger) return
    const room = this.ctx.id.toString()
    const claimed = await Promise.all(
      holders.map(([tag, , limit]) => this.ledger!(tag).report(room, openSockets(this.ctx, tag) + 1, limit)),
    )
    const refused = holders.find((_, i) => !claimed[i])
    try {
      if (refused) this.tooMany(`At most ${refused[2]} open connections ${refused[3]} across rooms`)
      local()
    } catch (e) {
      // Give back what was claimed: the socket is not opened.
      await this.report(user.id, address)
      throw e
    }
  }

  /** Tells the ledgers how many sockets the user and the address hold here now (a count: it heals lost reports). */
  private async report(userId: string, address: string | undefined, except?: WebSocket): Promise<void> {
    if (!this.ledger) return
    const room = this.ctx.id.toString()
    // A socket opened before addresses were kept counts for its user only.
    const tags = address ? [USER_TAG(userId), ADDR_TAG(address)] : [USER_TAG(userId)]
    await Promise.all(tags.map((tag) => this.ledger!(tag).report(room, openSockets(this.ctx, tag, except), Infinity)))
  }

  private async accept(user: RoomPrincipal, address: string): Promise<Response> {
    await this.admit(user, address)
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    const first = this.ctx.getWebSockets(USER_TAG(user.id)).length === 0
    this.ctx.acceptWebSocket(server, ['room', USER_TAG(user.id), ADDR_TAG(address)])
    const attachment: Attachment = { user, address, windowStart: 0, windowCount: 0, received: 0 }
    server.serializeAttachment(attachment)
    const who = this.presence()
    this.send(server, { type: 'welcome', you: user, who, history: await this.loadHistory() })
    if (first) this.broadcast({ type: 'join', user, who }, server)
    return new Response(null, { status: 101, webSocket: client })
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const a = ws.deserializeAttachment() as Attachment | null
    if (!a) return ws.close(CLOSE.policy, 'Unknown connection')
    const verdict = judgeInbound(message, a, this.limits, this.inbound)
    ws.serializeAttachment(a)
    if ('close' in verdict) return ws.close(...verdict.close)
    if ('error' in verdict) return this.send(ws, verdict.error)
    await this.onMessage({ socket: ws, user: a.user, received: a.received }, verdict.value)
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 ? CLOSE.normal : code, reason)
    } catch {
      // Already closed (the runtime may answer the close handshake itself).
    }
    await this.left(ws)
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.left(ws)
  }

  private async left(ws: WebSocket) {
    const a = ws.deserializeAttachment() as Attachment | null
    if (!a) return
    await this.report(a.user.id, a.address, ws)
    if (openSockets(this.ctx, USER_TAG(a.user.id), ws) === 0)
      this.broadcast({ type: 'leave', user: a.user, who: this.presence(ws) }, ws)
  }

  /** Everyone connected, one entry per user, from the sockets' attachments (so it survives hibernation). */
  protected presence(except?: WebSocket): RoomPrincipal[] {
    const users = new Map<string, RoomPrincipal>()
    for (const ws of this.ctx.getWebSockets('room')) {
      if (ws === except || ws.readyState !== WebSocket.OPEN) continue
      const a = ws.deserializeAttachment() as Attachment | null
      if (a) users.set(a.user.id, a.user)
    }
    return [...users.values()]
  }

  /** Sends one frame to one socket; a socket that is closing is skipped. */
  protected send(ws: WebSocket, frame: Out | RoomFrame): void {
    try {
      ws.send(JSON.stringify(frame))
    } catch {
      // The socket closed between the lookup and the send; its close event cleans up.
    }
  }

  /** Sends a frame to every connection of the room (serialized once), except `except`. */
  protected broadcast(frame: Out | RoomFrame, except?: WebSocket): number {
    const text = JSON.stringify(frame)
    let sent = 0
    for (const ws of this.ctx.getWebSockets('room')) {
      if (ws === except) continue
      try {
        ws.send(text)
        sent++
      } catch {
        // Closing; see send().
      }
    }
    return sent
  }

  /** Sends a frame to every connection of one user; returns how many got it. */
  protected sendToUser(userId: string, frame: Out | RoomFrame): number {
    const sockets = this.ctx.getWebSockets(USER_TAG(userId))
    for (const ws of sockets) this.send(ws, frame)
    return sockets.length
  }

  /** Keeps a message for replay to joiners: the last `history` messages, in storage. */
  protected async remember(message: Out): Promise<void> {
    const kept = [...(await this.loadHistory()), message].slice(-this.limits.history)
    this.history = kept
    await this.ctx.storage.put(HISTORY_KEY, kept)
  }

  private async loadHistory(): Promise<Out[]> {
    this.history ??= (await this.ctx.storage.get<Out[]>(HISTORY_KEY)) ?? []
    return this.history
  }

  /**
   * Issues a single-use upgrade ticket for a principal the Worker authenticated, valid `ticketTtl` seconds; or,
   * past `ticketsPerUser` in that time, a refusal with its Retry-After (the Worker answers 429).
   */
  async issueTicket(principal: RoomPrincipal): Promise<TicketResult> {
    const { ticketTtl, ticketsPerUser } = this.limits
    return issueTicket(this.ctx.storage, v.parse(RoomPrincipal, principal), ticketTtl, ticketsPerUser)
  }

  /** Consumes a ticket: the principal it was issued to, or null when unknown, used or expired. */
  async redeemTicket(ticket: string): Promise<RoomPrincipal | null> {
    return redeemTicket(this.ctx.storage, ticket)
  }

  /** Deletes expired tickets. */
  override async alarm(): Promise<void> {
    await sweepTickets(this.ctx.storage)
  }
}
