// Type-checked only: a plugin's options reach router() and handler specs where the plugin is imported, and a
// user's own plugin declares its option the same way the first-party ones do.
import { createApp, get, type Plugin, router } from 'edgestar'
import { rateLimit } from 'edgestar/rate-limit'
import type { RateLimiterObject } from 'edgestar/workers'

// What `wrangler types` writes for a project with a limiter binding.
declare global {
  namespace Cloudflare {
    interface Env {
      RATE_LIMITER: DurableObjectNamespace<RateLimiterObject>
    }
  }
}

declare module 'edgestar' {
  interface PluginOptions {
    /** Marks routes whose calls are written to the audit log. */
    readonly audit?: boolean
  }
}

const audit: Plugin = { name: 'audit', options: { audit: 'nearest' } }
const limited = router({
  path: '/limited',
  rateLimit: [{ limit: 10, window: 60, key: 'ip' }],
  audit: true,
  handlers: [get('/', () => ({ ok: true }))],
})
// @ts-expect-error a misspelt option is no option of any plugin
router({ rateLimt: [], handlers: [] })

export const withPlugins = createApp({
  plugins: [rateLimit({ binding: (env) => env.RATE_LIMITER }), audit],
  handlers: [limited],
})
