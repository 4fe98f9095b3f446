import {
  type AppOptions,
  cors,
  type DocumentInfo,
  events,
  requestId,
  requestLogger,
  securityHeaders,
  serverTiming,
} from '../core'
import { listeners } from './events/listeners'
import { health } from './health/handlers'
import { greet, hello } from './hello/handlers'
import { posts, userPosts } from './posts/router'
import { users } from './users/router'

/** The reference API's route tree and app-wide layer options, without the served document. */
export const api: AppOptions = {
  handlers: [hello, greet, health, users, userPosts, posts],
  // Outer first: every answer, even a 404 or a preflight, gets an id, a log line and security headers.
  middleware: [
    requestId(),
    requestLogger(),
    securityHeaders(),
    cors({
      origins: ['http://localhost:5173', 'http://localhost:8787', 'https://*.edge-api.dev'],
      exposeHeaders: ['X-Request-Id', 'Server-Timing', 'ETag', 'Location', 'Retry-After'],
    }),
    events({ listeners, queue: (env) => env.EVENTS }),
    serverTiming(),
  ],
}

/** What the OpenAPI document says about the API as a whole. */
export const info: DocumentInfo = {
  title: 'Edge API',
  version: '0.1.0',
  description: 'A typed HTTP API on Cloudflare Workers: users, posts, auth, admin, files and health.',
  tags: [
    { name: 'health', description: 'Service status' },
    { name: 'users', description: 'Users: sign-up, profiles, search' },
    { name: 'posts', description: 'Posts and their authors' },
  ],
}
