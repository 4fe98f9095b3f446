// `edgestar/rate-limit`: exact per-client limits in Durable Objects. The object's class is in `edgestar/workers`.
export { clientIp } from './client-ip'
export type { RateLimitPolicy } from './policy'
export { type RateLimitOptions, rateLimit } from './rate-limit'
export type { RateLimitDecision, RateLimiterObject } from './rate-limiter-object'

declare module '../index' {
  interface EnvFactories<Env> {
    rateLimit: (options: import('./rate-limit').RateLimitOptions<Env>) => import('../kernel/plugin').Plugin
  }
}
