import { consumeEvents } from '../core/events'
import { app } from './app'
import { EVENTS_DLQ, listeners } from './events/listeners'

export { RateLimiter } from './rate-limit/rate-limiter'

/**
 * The Worker: the reference API serving its committed OpenAPI document at `/` (the docs page to browsers),
 * and the durable listeners' queue consumer.
 */
export default {
  fetch: app.fetch,
  queue: consumeEvents({ listeners, deadLetterQueue: EVENTS_DLQ }),
} satisfies ExportedHandler<Cloudflare.Env>
