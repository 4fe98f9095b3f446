// The core's second public entry: classes that extend workerd's runtime (`cloudflare:workers`). Kept apart
// so that `index.ts` stays importable from Node (the document script, benchmarks) without stand-ins.
export { RateLimiterObject } from './rate-limit/rate-limiter-object'
export { FeedObject } from './realtime/feed-object'
export { RoomObject } from './realtime/room-object'
