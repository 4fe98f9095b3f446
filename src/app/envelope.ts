import type { Plugin } from '../core'
import { requestId, requestLogger, securityHeaders } from '../core/middleware/index'

/**
 * What every answer gets, outermost: an id, a log line and security headers. A plugin of the app's own so its
 * middleware runs before every other plugin's `before` middleware (the configuration's 503 included) and the app's.
 */
export const envelope: Plugin = {
  name: 'envelope',
  before: [requestId(), requestLogger(), securityHeaders()],
}
