/** One event of a feed, as a feed object streams it. */
export interface FeedEvent {
  readonly id: string
  readonly event: string
  readonly data: unknown
}

/** Whatever can be subscribed to: a feed object's stub. */
export interface FeedSource {
  fetch(input: string, init?: RequestInit): Promise<Response>
}

/**
 * Subscribes to a feed object and yields its events until `signal` aborts (the client disconnected), resuming
 * after `lastEventId`. For an SSE handler: `return (stream) => feedEvents(env.FEED.getByName('posts'), stream)`.
 * @example return (stream) => feedEvents(env.POST_FEED.getByName('posts'), stream)
 */
export async function* feedEvents(
  feed: FeedSource,
  stream: { readonly lastEventId?: string; readonly signal: AbortSignal },
): AsyncGenerator<FeedEvent> {
  const headers: Record<string, string> = stream.lastEventId ? { 'last-event-id': stream.lastEventId } : {}
  const response = await feed.fetch('https://feed/subscribe', { headers })
  if (!response.ok || !response.body) throw new Error(`Feed subscription failed with ${response.status}`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  const cancel = () => void reader.cancel().catch(() => undefined)
  stream.signal.addEventListener('abort', cancel)
  let buffer = ''
  try {
    while (!stream.signal.aborted) {
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
    stream.signal.removeEventListener('abort', cancel)
    cancel()
  }
}
