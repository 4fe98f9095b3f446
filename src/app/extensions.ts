import type { Extension, RateLimitPolicy } from '../core'
import { responseCache } from '../core/cache'
import { rateLimit } from '../core/rate-limit'
import { CurrentApiKey, CurrentUser } from './auth/principal'
import { stores } from './stores'

/**
 * A `RATE_LIMIT_<NAME>` var (e.g. RATE_LIMIT_DEFAULT, RATE_LIMIT_LOGIN) overrides that policy's limit: the
 * test configs raise them, because every request of a test suite comes from one address.
 */
const limitFor = (policy: RateLimitPolicy & { name: string }, env: Cloudflare.Env): number => {
  const vars = env as unknown as Readonly<Record<string, unknown>>
  const raised = Number(vars[`RATE_LIMIT_${policy.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`])
  return Number.isInteger(raised) && raised > 0 ? raised : policy.limit
}

/** Route plugins of the reference API, in pipeline order: rate limiting, then the response cache. */
export const extensions: readonly Extension[] = [
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
