import asyncapi from '../../schema/asyncapi.json'
import document from '../../schema/openapi.json'
import { asyncApiRoute, consumeEvents, createApp } from '../core'
import { api } from './api'
import { docsPage } from './docs/docs-page'
import { isEventsDlq, listeners } from './events/listeners'

export { PostFeed } from './live/post-feed'
export { RateLimiter } from './rate-limit/rate-limiter'
export { ChatRoom } from './rooms/chat-room'

const app = createApp({ ...api, handlers: [asyncApiRoute(asyncapi), ...api.handlers], document, docsPage })

/**
 * The Worker: the reference API serving its committed OpenAPI document at `/` (the docs page to browsers) and its AsyncAPI document at `/asyncapi.json`,
 * and the durable listeners' queue consumer.
 */
export default {
  fetch: app.fetch,
  queue: consumeEvents({ listeners, deadLetterQueue: isEventsDlq }),
} satisfies ExportedHandler<Cloudflare.Env>
