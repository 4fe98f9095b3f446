import { app } from './app'

/** The Durable Object class behind the rate limits (wrangler.toml binds it as RATE_LIMITER). */
export { RateLimiterObject as RateLimiter } from 'edgestar/workers'

export default app
