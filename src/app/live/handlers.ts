import { get } from '../../core'
import { type EventOf, feedEvents, sse } from '../../core/realtime'
import { POSTS_TOPIC, postLiveEvents } from './events'

type PostLiveEvent = EventOf<typeof postLiveEvents>

/**
 * Streams post changes as server-sent events: each event's id is its number in the feed, so a client that
 * reconnects with `Last-Event-ID` gets what it missed (of the last 100) before the live ones.
 */
export const livePosts = get(
  '/live',
  {
    summary: 'Follow posts as they are created, changed and deleted (server-sent events)',
    ...sse(postLiveEvents, { heartbeat: 15_000, retry: 3_000 }),
    security: [],
  },
  ({ env }) =>
    async function* (stream) {
      for await (const e of feedEvents(env.POST_FEED.getByName(POSTS_TOPIC), stream))
        if (e.event in postLiveEvents) yield { id: e.id, event: e.event, data: e.data } as PostLiveEvent
    },
)
