import document from '../../schema/openapi.json'
import { createApp } from '../core'
import { api } from './api'
import { docsPage } from './docs/docs-page'

export { RateLimiter } from './rate-limit/rate-limiter'

/** The Worker: the reference API, serving its committed OpenAPI document at `/` (the docs page to browsers). */
export default createApp({ ...api, document, docsPage })
