import document from '../../schema/openapi.json'
import { consumeEvents, createApp } from '../core'
import { api } from './api'
import { docsPage } from './docs/docs-page'
import { isEventsDlq, listeners } from './events/listeners'

export { RateLimiter } from './rate-limit/rate-limiter'

const app = createApp({ ...api, document, docsPage })

/**
 * The Worker: the reference API serving its committed OpenAPI document at `/` (the docs page to browsers),
 * and the durable listeners' queue consumer.
 */
export default {
  fetch: app.fetch,
  queue: consumeEvents({ listeners, deadLetterQueue: isEventsDlq }),
} satisfies ExportedHandler<Cloudflare.Env>
