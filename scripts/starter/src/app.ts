import { documentRoutes, validation } from 'edgestar'
import { d1Session } from 'edgestar/data'
import { requestId, requestLogger, securityHeaders } from 'edgestar/middleware'
import { rateLimit } from 'edgestar/rate-limit'
import document from '../schema/openapi.json'
import { bearer } from './auth'
import { createApp } from './env'
import { Db } from './todos/repo'
import { todos } from './todos/router'

/** What the OpenAPI document says about the API as a whole (read by `edgestar document`). */
export const info = { title: '{{name}}', version: '0.1.0', description: 'Todos on Cloudflare Workers.' }

/**
 * The app: each feature is a plugin that owns its options. Setting `rateLimit` without the rateLimit() plugin
 * would stop createApp, naming the route; so would a schema (`params`, `query`, `body`, `response`, ...) without
 * validation(): nothing here can be silently off.
 */
export const app = createApp({
  plugins: [
    validation(),
    bearer,
    d1Session({ key: Db, binding: (env) => env.DB }),
    rateLimit({ binding: (env) => env.RATE_LIMITER }),
  ],
  middleware: [requestId(), requestLogger(), securityHeaders()],
  // 100 requests a minute per client address, on every route.
  rateLimit: [{ name: 'default', limit: 100, window: 60, key: 'ip' }],
  // The document at `/` (JSON for clients, the docs page for browsers), `/docs`, `/openapi.json`, `/openapi.yaml`.
  handlers: [...documentRoutes(document), todos],
})
