import { type Extension, rateLimit, responseCache } from '../core'
import { stores } from './stores'

/** The RATE_LIMIT_DEFAULT var overrides the default policy's limit (tests and `wrangler dev` raise it). */
const defaultLimit = (env: Cloudflare.Env, fallback: number) => {
  const raised = Number(env.RATE_LIMIT_DEFAULT)
  return Number.isInteger(raised) && raised > 0 ? raised : fallback
}

/** Route plugins of the reference API, in pipeline order: rate limiting, then the response cache. */
export const extensions: readonly Extension[] = [
  rateLimit({
    binding: (env) => env.RATE_LIMITER,
    limitFor: (policy, env) => (policy.name === 'default' ? defaultLimit(env, policy.limit) : policy.limit),
  }),
  responseCache({ store: stores.definition('responseCache') }),
]
