import type { Plugin } from '../core'
import { responseCache } from '../core/cache'
import { idempotency } from '../core/idempotency'
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

/**
 * Idempotency-Key on the creating routes (their routers set `idempotency`): keys are scoped to the signed-in user,
 * else the API key, else the client address (sign-up).
 */
const idempotencyKeys = idempotency({
  binding: (env) => env.IDEMPOTENCY,
  caller: async (ctx) => {
    const user = await ctx.resolve(CurrentUser)
    if (user) return `user:${user.id}`
    const key = await ctx.resolve(CurrentApiKey)
    return key ? `apiKey:${key.id}` : undefined
  },
})

/** The reference API's route plugins, in pipeline order: rate limiting, idempotency keys, the response cache. */
export const routePlugins: readonly Plugin[] = [
  rateLimit({
    binding: (env) => env.RATE_LIMITER,
    identify: {
      user: async (ctx) => (await ctx.resolve(CurrentUser))?.id,
      apiKey: async (ctx) => (await ctx.resolve(CurrentApiKey))?.id,
    },
    limitFor,
  }),
  idempotencyKeys,
  responseCache({
    store: stores.definition('responseCache'),
    user: async (ctx) => (await ctx.resolve(CurrentUser))?.id,
  }),
]
