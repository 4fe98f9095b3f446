import { HttpError } from '../kernel/errors'

/** One event of a feed, as a feed object streams it. */
export interface FeedEvent {
  readonly id: string
  readonly event: string
  readonly data: unknown
}

/** The header carrying the client a subscription counts against (its address) from the Worker to the feed. */
export const FEED_CLIENT_HEADER = 'x-feed-client'

/** Whatever can be subscribed to: a feed object's stub. */
export interface FeedSource {
  fetch(input: string, init?: RequestInit): Promise<Response>
}

/**
 * Subscribes to a feed object before the stream starts, so a refusal is still an HTTP answer: a 429 or 503 from the
 * feed (too many streams of this client, or in all) is thrown as that problem, with its Retry-After. The result
 * yields the events until the stream's signal aborts.
 * @example
 * const events = await openFeed(env.POST_FEED.getByName('posts'), { lastEventId: lastEventId(ctx.request), client: clientIp(ctx) })
 * return (stream) => events(stream.signal)
 */
export async function openFeed(
  feed: FeedSource,
  options: { readonly lastEventId?: string | undefined; readonly client?: string },
): Promise<(signal: AbortSignal) => AsyncGenerator<FeedEvent>> {
  const headers: Record<string, string> = options.lastEventId ? { 'last-event-id': options.lastEventId } : {}
  if (options.client) headers[FEED_CLIENT_HEADER] = options.client
  const response = await feed.fetch('https://feed/subscribe', { headers })
  if (response.status === 429 || response.status === 503) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string }
    const retryAfter = response.headers.get('retry-after')
    throw new HttpError(response.status, {
      detail: problem.detail ?? 'The feed refused the subscription',
      headers: retryAfter ? { 'retry-after': retryAfter } : {},
    })
  }
  if (!response.ok || !response.body) throw new Error(`Feed subscription failed with ${response.status}`)
  const body = response.body
  return (signal) => {
    // Cancelled on abort even if the stream never pulled an event, so the feed forgets the subscriber at once.
    const reader = body.pipeThrough(new TextDecoderStream()).getReader()
    const cancel = () => void reader.cancel().catch(() => undefined)
    if (signal.aborted) cancel()
    else signal.addEventListener('abort', cancel, { once: true })
    return read(reader, signal, cancel)
  }
}

/**
 * Subscribes to a feed object and yields its events until `signal` aborts (the client disconnected), resuming
 * after `lastEventId`. Subscribing happens once the stream started: prefer `openFeed`, which can still refuse.
 * @example return (stream) => feedEvents(env.POST_FEED.getByName('posts'), stream)
 */
export async function* feedEvents(
  feed: FeedSource,
  stream: { readonly lastEventId?: string; readonly signal: AbortSignal; readonly client?: string },
): AsyncGenerator<FeedEvent> {
  yield* (await openFeed(feed, stream))(stream.signal)
}

async function* read(
  reader: ReadableStreamDefaultReader<string>,
  signal: AbortSignal,
  cancel: () => void,
): AsyncGenerator<FeedEvent> {
  let buffer = ''
  try {
    while (!signal.aborted) {
      const { value, done } = await reader.read()
      if (done) return
      buffer += value
      let end = buffer.indexOf('\n')
      while (end !== -1) {
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 1)
        end = buffer.indexOf('\n')
        const parsed = JSON.parse(line) as Partial<FeedEvent>
        if (typeof parsed.id === 'string' && typeof parsed.event === 'string') yield parsed as FeedEvent
      }
    }
  } finally {
    signal.removeEventListener('abort', cancel)
    cancel()
  }
}
