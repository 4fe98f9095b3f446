import type { RateLimitPolicy } from '../../core'

/**
 * The app-wide default: 100 requests per minute per client address. Test and local configs may raise it
 * with the RATE_LIMIT_DEFAULT var (see rateLimits in ../extensions.ts).
 */
export const defaultPolicy: RateLimitPolicy = { name: 'default', limit: 100, window: 60, key: 'ip' }
