import document from '../../schema/openapi.json'
import { createApp } from '../core'
import { consumeEvents } from '../core/events'
import { api } from './api'
import { docsPage } from './docs/docs-page'
import { EVENTS_DLQ, listeners } from './events/listeners'

export { RateLimiter } from './rate-limit/rate-limiter'

const app = createApp({ ...api, document, docsPage })

/**
 * The Worker: the reference API serving its committed OpenAPI document at `/` (the docs page to browsers),
 * and the durable listeners' queue consumer.
 */
export default {
  fetch: app.fetch,
  queue: consumeEvents({ listeners, deadLetterQueue: EVENTS_DLQ }),
} satisfies ExportedHandler<Cloudflare.Env>
