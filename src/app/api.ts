import { type AppOptions, validation } from '../core'
import type { AsyncApiInfo } from '../core/asyncapi'
import { events } from '../core/events'
import { requestMetrics } from '../core/metrics'
import { allowedHosts, cors, serverTiming } from '../core/middleware/index'
import type { DocumentInfo } from '../core/openapi'
import { realtime } from '../core/realtime'
import { accountDeletion } from './account-deletion/workflow'
import { maintenanceMode } from './admin/maintenance-mode'
import { admin } from './admin/router'
import { apiKeys } from './api-keys/current-api-key'
import { userAuth } from './auth/guards'
import { auth } from './auth/router'
import { sessions } from './auth/sessions'
import { comments } from './comments/router'
import { databaseNotMigrated } from './common/database-not-migrated'
import { database } from './common/db'
import { appConfig } from './config'
import { envelope } from './envelope'
import { eventsConsumption, eventsOutbox, listeners } from './events/listeners'
import { exports } from './export/router'
import { files } from './files/router'
import { health } from './health/handlers'
import { metrics } from './health/metrics'
import { greet, hello } from './hello/handlers'
import { purgeExpired } from './jobs/purge-expired'
import { routePlugins } from './plugins'
import { posts, userPosts } from './posts/router'
import { defaultPolicy } from './rate-limit/policies'
import { rooms } from './rooms/router'
import { stores } from './stores'
import { users } from './users/router'

/** The reference API's route tree and app-wide layer options, without the served document. */
export const api: AppOptions = {
  handlers: [hello, greet, health, metrics, users, userPosts, posts, comments, auth, admin, exports, files, rooms],
  // The features, each declaring the options it owns. The schemas' validation (path params, query, headers,
  // cookies, bodies, responses) first: it adds no middleware, only what checks each route's schemas. Outermost, before the app's own middleware: every answer,
  // even a 404, a preflight, a configuration or maintenance 503, gets an id, a log line and security headers; then
  // the validated configuration (src/app/config.ts) answers 503 while it is invalid, before CORS and the host
  // check read it. Then the credentials (bearer or session cookie, API key; the
  // guards that demand them add their security schemes to the document), the stores, the request's D1 session,
  // the event bus (its middleware runs after the app's own), event streams and rooms, rate limits, the response
  // cache, and one Analytics Engine data point per request.
  plugins: [
    validation(),
    envelope,
    appConfig.plugin,
    userAuth,
    apiKeys,
    stores,
    database,
    events({ listeners, queue: (env) => env.EVENTS, consume: eventsConsumption, outbox: eventsOutbox }),
    realtime(),
    ...routePlugins,
    requestMetrics({ dataset: (env) => env.REQUEST_METRICS }),
  ],
  // The nightly purge (wrangler.toml's [triggers] crons lists its schedule) and the account-deletion workflow, whose
  // steps run in the app's dependencies; the events plugin runs the queue's consumers and the outbox relay.
  triggers: [purgeExpired, accountDeletion],
  // Outer first, inside the envelope and the configuration check: hosts and CORS from the validated configuration.
  middleware: [
    allowedHosts((ctx) => appConfig(ctx.env).allowedHosts),
    cors({
      origins: (origin, ctx) => appConfig(ctx.env).allowOrigin(origin),
      exposeHeaders: [
        'X-Request-Id',
        'Server-Timing',
        'ETag',
        'Location',
        'Retry-After',
        'RateLimit',
        'RateLimit-Policy',
        'Cache-Status',
        'X-D1-Bookmark',
        'Idempotent-Replayed',
      ],
    }),
    maintenanceMode,
    serverTiming(),
  ],
  exceptionHandlers: [databaseNotMigrated],
  rateLimit: [defaultPolicy],
}

// Who answers for this API. example.com is reserved (RFC 2606): a deployment puts its own address here.
const contact = { name: 'Edge API maintainers', email: 'api@example.com' }

/** What the OpenAPI document says about the API as a whole. */
export const info: DocumentInfo = {
  title: 'Edge API',
  version: '0.1.0',
  description: 'A typed HTTP API on Cloudflare Workers: users, posts, comments, auth, admin, files and health.',
  contact,
  servers: [{ url: '/', description: 'The deployment serving this document' }],
  tags: [
    { name: 'health', description: 'Service status' },
    { name: 'greetings', description: 'Hello, world: the smallest handlers' },
    { name: 'users', description: 'Users: sign-up, profiles, search' },
    { name: 'posts', description: 'Posts and their authors' },
    { name: 'comments', description: 'Comments on posts' },
    { name: 'auth', description: 'Logins (bearer tokens, session cookies), refresh, the current user, logout' },
    { name: 'admin', description: 'Administration: admin role required' },
    { name: 'files', description: 'Files on R2: uploads, downloads with ranges, ownership' },
    { name: 'export', description: 'Data export, for people (bearer) and machines (API key)' },
    { name: 'rooms', description: 'Chat rooms over WebSocket: tickets and the channel (messages in /asyncapi.json)' },
  ],
}

/**
 * What the AsyncAPI document says: the same API, its WebSocket channels and event streams. Made by a call marked pure,
 * like everything only the document build reads, so the Worker's bundle drops it.
 */
export const asyncApiInfo: AsyncApiInfo = /* @__PURE__ */ (() => ({
  title: 'Edge API realtime',
  version: '0.1.0',
  description: 'The WebSocket rooms and server-sent event streams of the Edge API; the HTTP API is in /openapi.json.',
  contact,
  // The tags its operations carry, described as in the OpenAPI document.
  tags: info.tags?.filter((t) => t.name === 'posts' || t.name === 'rooms'),
  host: 'localhost:8787',
  securitySchemes: {
    roomTicket: {
      type: 'httpApiKey',
      name: 'ticket',
      in: 'query',
      description:
        'A single-use ticket from POST /rooms/{room}/ticket, valid 30 seconds; a missing, used or expired one is refused (401)',
    },
    // The browser's other way in: the session cookie, which a cross-site page's upgrade cannot use (403).
    ...Object.fromEntries(
      Object.entries(sessions.securitySchemes).map(([name, scheme]) => [
        name,
        {
          ...scheme,
          description: `${scheme.description}. A room's upgrade sent by a cross-site page is refused (403)`,
        },
      ]),
    ),
  },
}))()
