// `edgestar/workers`: the classes that extend workerd's runtime (`cloudflare:workers`): the rate limiter's, rooms',
// the room ledger's and feeds' Durable Objects, and a declared workflow's class. Kept apart so that every other entry stays importable from Node (the document
// scripts, benchmarks) without stand-ins.
export { IdempotencyObject } from '../idempotency/idempotency-object'
export { RateLimiterObject } from '../rate-limit/rate-limiter-object'
export { FeedObject } from '../realtime/feed-object'
export { RoomLedger } from '../realtime/room-ledger'
export { RoomObject } from '../realtime/room-object'
export { type WorkflowClass, workflowEntrypoint } from '../workflows/workflow-entrypoint'
