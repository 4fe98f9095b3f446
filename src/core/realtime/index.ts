// `edgestar/realtime`: server-sent event streams, WebSocket channels into rooms, and the feed they replay from,
// plus the route serving a committed AsyncAPI document. The Durable Object classes behind rooms and feeds
// (`RoomObject`, `FeedObject`) are in `edgestar/workers`; the AsyncAPI generator is in `edgestar/asyncapi`.
export { asyncApiRoute } from '../asyncapi/asyncapi-route'
export { type ChannelSpec, type ChannelTarget, channel } from './channel'
export { type EventOf, sse } from './event-serializer'
export {
  type EventProducer,
  type EventStreamOptions,
  eventStream,
  lastEventId,
  type StreamControl,
} from './event-stream'
export { FEED_CLIENT_HEADER, type FeedEvent, type FeedSource, feedEvents, openFeed } from './feed-events'
export { realtime, type StreamOptions } from './realtime-plugin'
export { ErrorFrame, JoinFrame, LeaveFrame, type RoomFrame, roomOutbound, welcomeFrame } from './room-frames'
export type { RoomLedgerStub } from './room-ledger'
export { CLOSE, DEFAULT_ROOM_LIMITS, type RoomLimits } from './room-limits'
export type { RoomConnection } from './room-object'
export { ADDRESS_HEADER, PRINCIPAL_HEADER, RoomPrincipal } from './room-principal'
export type { TicketResult } from './room-tickets'
export { frameComment, frameEvent, type ServerSentEvent } from './sse-frame'
