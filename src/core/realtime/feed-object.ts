import { DurableObject } from 'cloudflare:workers'
import { problemResponse } from '../kernel/problem'
import { FEED_CLIENT_HEADER, type FeedEvent } from './feed-events'
import { refusal } from './refusal'

const PREFIX = 'event:'
const keyOf = (id: number) => `${PREFIX}${String(id).padStart(12, '0')}`
const encoder = new TextEncoder()
/** One line of the stream to the Worker: an event (or the opening `{}`) as JSON. */
const lineOf = (event: FeedEvent | Record<never, never>) => encoder.encode(`${JSON.stringify(event)}\n`)
/** Queued lines a subscriber may fall behind by before it is dropped (it reconnects with Last-Event-ID). */
const MAX_BEHIND = 256

/**
 * A feed: one Durable Object per topic that fans published events out to the server-sent-event connections
 * subscribed to it, numbering them and keeping the last `keep` in storage so a client reconnecting with
 * `Last-Event-ID` misses nothing. Subscribers are streams held in memory: an object with open streams stays
 * resident (event streams cannot hibernate; WebSocket rooms can). A subscriber that falls behind is dropped.
 * @example export class PostFeed extends FeedObject {} // publish from a listener: env.POST_FEED.getByName('posts').publish('post.created', post)
 */
export class FeedObject extends DurableObject<Cloudflare.Env> {
  /** Events kept for replay. */
  protected readonly keep: number = 100
  /** Open streams per client (address); past it a subscription is refused with 429 and `retryAfter`. */
  protected readonly maxStreamsPerClient: number = 10
  /** Open streams in all; past it, 503. */
  protected readonly maxStreams: number = 10_000
  /** Retry-After, in seconds, of a refused subscription. */
  protected readonly retryAfter: number = 30
  /** Each subscriber, and the client it counts against. */
  private readonly subscribers = new Map<WritableStreamDefaultWriter<Uint8Array>, string>()
  private seq: number | undefined

  /** Numbers an event, keeps it, and writes it to every subscriber; returns its id. */
  async publish(event: string, data: unknown): Promise<string> {
    // Storage reads hold the object's input gate, so two publishes never read the same number.
    if (this.seq === undefined) this.seq = (await this.ctx.storage.get<number>('seq')) ?? 0
    const seq = ++this.seq
    const line: FeedEvent = { id: String(seq), event, data }
    this.ctx.storage.put('seq', seq)
    this.ctx.storage.put(keyOf(seq), line)
    if (seq > this.keep) this.ctx.storage.delete(keyOf(seq - this.keep))
    const bytes = lineOf(line)
    for (const writer of this.subscribers.keys()) this.write(writer, bytes)
    return line.id
  }

  /** How many streams are subscribed now. */
  subscriberCount(): number {
    return this.subscribers.size
  }

  /**
   * Subscribes: a stream of JSON lines `{ id, event, data }`, first those after `Last-Event-ID`, then live ones.
   * A client (the `x-feed-client` header the Worker sets) holding `maxStreamsPerClient` streams gets a 429 problem.
   */
  override async fetch(request: Request): Promise<Response> {
    const client = request.headers.get(FEED_CLIENT_HEADER) ?? 'unknown'
    if (this.subscribers.size >= this.maxStreams)
      return problemResponse(refusal(503, 'The feed has too many subscribers', this.retryAfter), '/')
    let held = 0
    for (const c of this.subscribers.values()) if (c === client) held++
    if (held >= this.maxStreamsPerClient)
      return problemResponse(
        refusal(429, `At most ${this.maxStreamsPerClient} open streams per client`, this.retryAfter),
        '/',
      )
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
    const writer = writable.getWriter()
    const after = Number(request.headers.get('last-event-id'))
    if (Number.isSafeInteger(after) && after > 0) {
      const missed = await this.ctx.storage.list<FeedEvent>({ prefix: PREFIX, start: keyOf(after + 1) })
      for (const line of missed.values()) this.write(writer, lineOf(line))
    }
    this.subscribers.set(writer, client)
    // Forgotten as soon as the subscriber goes away, not at the next publish: the per-client count must fall then.
    writer.closed.catch(() => this.drop(writer))
    // An opening line, so the subscriber knows it is live before the first event.
    this.write(writer, lineOf({}))
    return new Response(readable, { headers: { 'content-type': 'application/x-ndjson' } })
  }

  private write(writer: WritableStreamDefaultWriter<Uint8Array>, bytes: Uint8Array) {
    if ((writer.desiredSize ?? 0) < -MAX_BEHIND) return this.drop(writer)
    // A write fails once the subscriber went away (the Worker cancelled its read): forget it.
    writer.write(bytes).catch(() => this.drop(writer))
  }

  private drop(writer: WritableStreamDefaultWriter<Uint8Array>) {
    if (!this.subscribers.delete(writer)) return
    writer.abort().catch(() => undefined)
  }
}
