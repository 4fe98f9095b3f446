// README's realtime blocks: the reference app's post events, and the chat messages of a simplified room.
import { get, unauthorized } from 'edgestar'
import { clientIp } from 'edgestar/rate-limit'
import { channel, type EventOf, lastEventId, openFeed, type RoomConnection, sse } from 'edgestar/realtime'
import { RoomObject } from 'edgestar/workers'
import * as v from 'valibot'
import { postLiveEvents } from '../src/app/live/events'

const { 'post.created': PostCreatedEvent, 'post.deleted': PostDeletedEvent } = postLiveEvents
type PostEvent = EventOf<{ 'post.created': typeof PostCreatedEvent; 'post.deleted': typeof PostDeletedEvent }>

const ChatInbound = v.object({ type: v.literal('message'), text: v.pipe(v.string(), v.maxLength(2000)) })
type ChatInbound = v.InferOutput<typeof ChatInbound>
const ChatOutbound = v.object({
  type: v.literal('message'),
  from: v.object({ id: v.string(), name: v.string() }),
  text: v.string(),
  at: v.string(),
})
type ChatOutbound = v.InferOutput<typeof ChatOutbound>
const params = v.object({ room: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,32}$/)) })
const query = v.object({ ticket: v.optional(v.string()) })
