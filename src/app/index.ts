import document from '../../schema/openapi.json'
import { createApp } from '../core'
import { api } from './api'

export { RateLimiter } from './rate-limit/rate-limiter'

/** The Worker: the reference API, serving its committed OpenAPI document at `/`. */
export default createApp({ ...api, document })
