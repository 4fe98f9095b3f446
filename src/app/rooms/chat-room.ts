import type { RoomConnection } from '../../core/realtime'
import { RoomObject } from '../../core/workers'
import type { ChatInbound, ChatOutbound } from './messages'
import { ChatInbound as Inbound } from './messages'

/**
 * The ROOMS Durable Object: one chat room per name. Messages go to everyone and into the history joiners
 * replay; whispers go to the recipient's connections and back to the sender's.
 */
export class ChatRoom extends RoomObject<ChatInbound, ChatOutbound> {
  protected readonly inbound = Inbound
  /** Caps open sockets per user and per address across rooms too (DEFAULT_ROOM_LIMITS has the numbers). */
  protected override ledger = (holder: string) => this.env.ROOM_LEDGER.getByName(holder)
  /** The last message number; read from storage once per instance (a rebuilt one reads it again). */
  private seq: number | undefined

  protected async onMessage(from: RoomConnection, message: ChatInbound): Promise<void> {
    const at = new Date().toISOString()
    if (message.type === 'whisper') {
      const frame: ChatOutbound = { type: 'whispered', from: from.user, to: message.to, text: message.text, at }
      this.sendToUser(message.to, frame)
      if (message.to !== from.user.id) this.sendToUser(from.user.id, frame)
      return
    }
    if (this.seq === undefined) this.seq = (await this.ctx.storage.get<number>('seq')) ?? 0
    const seq = ++this.seq
    void this.ctx.storage.put('seq', seq)
    const frame: ChatOutbound = { type: 'message', seq, from: from.user, text: message.text, at }
    await this.remember(frame)
    this.broadcast(frame)
  }
}
