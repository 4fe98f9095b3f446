import { get } from '../../core'
import { clientIp } from '../../core/rate-limit'
import { type EventOf, type FeedEvent, lastEventId, openFeed, sse } from '../../core/realtime'
import { POSTS_TOPIC, postLiveEvents } from './events'

type PostLiveEvent = EventOf<typeof postLiveEvents>

/**
 * An endless text/event-stream: one `post.created`, `post.changed` or `post.deleted` event per write, with a comment
 * every 15 seconds to keep the connection open. Each event id is its number in the feed, so a client that reconnects
 * with Last-Event-ID first gets what it missed (of the last 100). Public; an address already holding 10 streams gets a
 * 429.
 * @summary Follow posts as they are created, changed and deleted (server-sent events)
 */
export const livePosts = get(
  '/live',
  {
    ...sse(postLiveEvents, { heartbeat: 15_000, retry: 3_000 }),
    security: [],
    // The feed object refuses an address holding 10 open streams (FeedObject.maxStreamsPerClient).
    errors: [429, 503],
  },
  async (ctx) => {
    // Subscribed before the stream starts, so an address already holding 10 streams gets a 429 problem, not a stream.
    const events = await openFeed(ctx.env.POST_FEED.getByName(POSTS_TOPIC), {
      lastEventId: lastEventId(ctx.request),
      client: clientIp(ctx),
    })
    // Not a generator function: the feed's reader is tied to the stream's signal at once, before any pull, so a
    // client gone before the first event still releases its subscription.
    return (stream) => ofPosts(events(stream.signal))
  },
)

async function* ofPosts(source: AsyncIterable<FeedEvent>): AsyncGenerator<PostLiveEvent> {
  for await (const e of source)
    if (e.event in postLiveEvents) yield { id: e.id, event: e.event, data: e.data } as PostLiveEvent
}
