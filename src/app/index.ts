import { consumeEvents } from '../core/events'
import { app } from './app'
import { isEventsDlq, listeners } from './events/listeners'

export { PostFeed } from './live/post-feed'
export { RateLimiter } from './rate-limit/rate-limiter'
export { ChatRoom } from './rooms/chat-room'

/**
 * The Worker: the reference API serving its committed OpenAPI document at `/` (the docs page to browsers) and its AsyncAPI document at `/asyncapi.json`,
 * and the durable listeners' queue consumer.
 */
export default {
  fetch: app.fetch,
  queue: consumeEvents({ listeners, deadLetterQueue: isEventsDlq }),
} satisfies ExportedHandler<Cloudflare.Env>
