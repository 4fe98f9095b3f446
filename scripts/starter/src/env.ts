import { withEnv } from 'edgestar'
import type { RateLimiterObject } from 'edgestar/workers'

/** The Worker's bindings, as wrangler.toml declares them (`npm run types` writes the same from the file). */
export interface Env {
  readonly DB: D1Database
  readonly CACHE: KVNamespace
  readonly RATE_LIMITER: DurableObjectNamespace<RateLimiterObject>
  readonly JWT_SECRET: string
}

/** The core's factories bound to this Worker's `Env`: every `ctx.env` below is typed by it. */
export const { get, post, patch, del, router, provide, createApp } = withEnv<Env>()
