import type { AppOptions, DocumentInfo } from '../core'
import { health } from './health/handlers'
import { greet, hello } from './hello/handlers'
import { posts, userPosts } from './posts/router'
import { users } from './users/router'

/** The reference API's route tree and app-wide layer options, without the served document. */
export const api: AppOptions = {
  handlers: [hello, greet, health, users, userPosts, posts],
}

/** What the OpenAPI document says about the API as a whole. */
export const info: DocumentInfo = {
  title: 'Edge API',
  version: '0.1.0',
  description: 'A typed HTTP API on Cloudflare Workers: users, posts, auth, admin, files and health.',
  servers: [{ url: '/', description: 'The deployment serving this document' }],
  tags: [
    { name: 'health', description: 'Service status' },
    { name: 'greetings', description: 'Hello, world: the smallest handlers' },
    { name: 'users', description: 'Users: sign-up, profiles, search' },
    { name: 'posts', description: 'Posts and their authors' },
  ],
}
