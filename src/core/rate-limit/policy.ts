import type { RequestContext } from '../kernel/context'

/** One rate-limit policy: at most `limit` requests per `window` seconds per key. */
export interface RateLimitPolicy {
  readonly limit: number
  /** Window in seconds. */
  readonly window: number
  /**
   * What a request is counted by. A function reads the validated inputs (`ctx.body`, `ctx.params`): it runs
   * once they are parsed, unless `keyedOn: 'client'` says it needs only the connection.
   */
  readonly key: 'ip' | 'user' | 'apiKey' | ((ctx: RequestContext) => string | Promise<string>)
  /** Where the policy counts: 'client' (before guards, the default for ip/user/apiKey) or 'inputs' (the default for a function key). */
  readonly keyedOn?: 'client' | 'inputs'
  /** Names the policy in headers and in the document. */
  readonly name?: string
  /** When the limiter cannot be reached: let the request through ('open') or answer 503 ('closed'). */
  readonly onUnavailable?: 'open' | 'closed'
}

declare module '../index' {
  interface PluginOptions {
    /** Rate-limit policies (the `rateLimit()` plugin, `edgestar/rate-limit`); concatenated outer first, all apply. */
    readonly rateLimit?: readonly RateLimitPolicy[]
  }
}
