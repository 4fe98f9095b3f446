import { app } from './app'

export { AccountDeletion } from './account-deletion/entrypoint'

export { IdempotencyKeys } from './idempotency/idempotency-keys'
export { PostFeed } from './live/post-feed'
export { RateLimiter } from './rate-limit/rate-limiter'
export { ChatRoom } from './rooms/chat-room'
export { RoomLedger } from './rooms/room-ledger'

/**
 * The Worker: the reference API serving its committed OpenAPI document at `/` (the docs page to browsers) and its
 * AsyncAPI document at `/asyncapi.json`; the nightly purge on its cron; the EVENTS queue's consumers.
 */
export default {
  fetch: app.fetch,
  scheduled: app.scheduled,
  queue: app.queue,
} satisfies ExportedHandler<Cloudflare.Env>
