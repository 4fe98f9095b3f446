import type { Plugin } from '../core'
import { responseCache } from '../core/cache'
import { type RateLimitPolicy, rateLimit } from '../core/rate-limit'
import { CurrentApiKey, CurrentUser } from './auth/principal'
import { appConfig } from './config'
import { stores } from './stores'

/**
 * The RATE_LIMIT_DEFAULT and RATE_LIMIT_LOGIN vars (validated in ./config.ts) set those policies' limits; the
 * test configs raise them, because every request of a test suite comes from one address.
 */
const limitFor = (policy: RateLimitPolicy & { name: string }, env: Cloudflare.Env): number =>
  appConfig(env).rateLimits[policy.name] ?? policy.limit

/** The reference API's route plugins, in pipeline order: rate limiting, then the response cache. */
export const routePlugins: readonly Plugin[] = [
  rateLimit({
    binding: (env) => env.RATE_LIMITER,
    identify: {
      user: async (ctx) => (await ctx.resolve(CurrentUser))?.id,
      apiKey: async (ctx) => (await ctx.resolve(CurrentApiKey))?.id,
    },
    limitFor,
  }),
  responseCache({
    store: stores.definition('responseCache'),
    user: async (ctx) => (await ctx.resolve(CurrentUser))?.id,
  }),
]
