import { KIT_PASSWORD } from '../kit'
import { commentOn, type Fixtures, login, PASSWORD, postBy, sessionOf, setup, uploadAs } from './fixtures'

/** Who sends a measured request. */
export type Caller = 'anonymous' | 'bearer' | 'cookie' | 'admin' | 'api key' | 'basic'

/** A request to measure: what it is sent to and with. */
export interface Sent {
  readonly path: string
  readonly method?: string
  readonly json?: unknown
  readonly body?: BodyInit
  readonly headers?: Record<string, string>
}

/** One row of the round-trip table: a route of the reference API, sent by one kind of caller. */
export interface Scenario {
  /** `METHOD /template`, as the OpenAPI document names the route. */
  readonly route: string
  readonly as: Caller
  /** Sent once before the measured request, so the response cache holds it. */
  readonly cached?: boolean
  /** Needs fixtures of its own (it ends a login, deletes what it acts on). */
  readonly fresh?: boolean
  readonly send: (f: Fixtures) => Sent | Promise<Sent>
}

/** A row's name in the table and the budget file. */
export const nameOf = (s: Scenario) => `${s.route} ${s.as}${s.cached ? ' (cached)' : ''}`

/** The credentials of a caller. */
export const headersOf = (f: Fixtures, as: Caller): Record<string, string> =>
  ({
    anonymous: {},
    bearer: f.bearer,
    cookie: f.cookie,
    admin: f.admin,
    'api key': f.apiKey,
    basic: f.basic,
  })[as]

const text = { title: 'Counted', content: 'Every call to storage, per route.' }

/** Every route of the reference API, each with the callers that matter (anonymous, bearer, cookie; reads and writes). */
export const scenarios: readonly Scenario[] = [
  { route: 'GET /hello/{name}', as: 'anonymous', send: () => ({ path: '/hello/Bob' }) },
  { route: 'GET /greet', as: 'anonymous', send: () => ({ path: '/greet?name=Bob' }) },
  { route: 'GET /health', as: 'anonymous', send: () => ({ path: '/health' }) },
  { route: 'GET /metrics', as: 'basic', send: () => ({ path: '/metrics' }) },
  { route: 'GET /openapi.json', as: 'anonymous', send: () => ({ path: '/openapi.json' }) },
  { route: 'GET /users', as: 'anonymous', send: () => ({ path: '/users' }) },
  { route: 'GET /users', as: 'anonymous', cached: true, send: () => ({ path: '/users' }) },
  {
    route: 'POST /users',
    as: 'anonymous',
    send: () => ({
      path: '/users',
      method: 'POST',
      json: { name: 'New', email: `new-${crypto.randomUUID()}@example.test`, age: 30, password: 'a-long-password' },
    }),
  },
  { route: 'GET /users/{id}', as: 'anonymous', send: (f) => ({ path: `/users/${f.user.id}` }) },
  { route: 'GET /users/{id}', as: 'anonymous', cached: true, send: (f) => ({ path: `/users/${f.user.id}` }) },
  {
    route: 'PUT /users/{id}',
    as: 'bearer',
    send: (f) => ({ path: `/users/${f.user.id}`, method: 'PUT', json: { name: 'Put', age: 31 } }),
  },
  {
    route: 'PATCH /users/{id}',
    as: 'bearer',
    send: (f) => ({ path: `/users/${f.user.id}`, method: 'PATCH', json: { age: 32 } }),
  },
  {
    route: 'PATCH /users/{id}',
    as: 'cookie',
    send: (f) => ({ path: `/users/${f.user.id}`, method: 'PATCH', json: { age: 33 } }),
  },
  {
    route: 'DELETE /users/{id}',
    as: 'bearer',
    fresh: true,
    // Re-authenticated: the owner's current password in the body.
    send: (f) => ({ path: `/users/${f.user.id}`, method: 'DELETE', json: { currentPassword: PASSWORD } }),
  },
  { route: 'GET /users/{id}/posts', as: 'anonymous', send: (f) => ({ path: `/users/${f.user.id}/posts` }) },
  {
    route: 'POST /users/{id}/posts',
    as: 'bearer',
    send: (f) => ({ path: `/users/${f.user.id}/posts`, method: 'POST', json: text }),
  },
  { route: 'GET /posts', as: 'anonymous', send: () => ({ path: '/posts' }) },
  {
    route: 'POST /posts',
    as: 'bearer',
    send: (f) => ({ path: '/posts', method: 'POST', json: { authorId: f.user.id, ...text } }),
  },
  {
    route: 'POST /posts',
    as: 'cookie',
    send: (f) => ({ path: '/posts', method: 'POST', json: { authorId: f.user.id, ...text } }),
  },
  { route: 'GET /posts/live', as: 'anonymous', send: () => ({ path: '/posts/live' }) },
  { route: 'GET /posts/{id}', as: 'anonymous', send: (f) => ({ path: `/posts/${f.postId}` }) },
  { route: 'GET /posts/{id}', as: 'bearer', send: (f) => ({ path: `/posts/${f.postId}` }) },
  { route: 'GET /posts/{id}', as: 'cookie', send: (f) => ({ path: `/posts/${f.postId}` }) },
  { route: 'PUT /posts/{id}', as: 'bearer', send: (f) => ({ path: `/posts/${f.postId}`, method: 'PUT', json: text }) },
  {
    route: 'PATCH /posts/{id}',
    as: 'bearer',
    send: (f) => ({ path: `/posts/${f.postId}`, method: 'PATCH', json: { title: 'Patched' } }),
  },
  {
    route: 'PATCH /posts/{id}',
    as: 'cookie',
    send: (f) => ({ path: `/posts/${f.postId}`, method: 'PATCH', json: { title: 'Patched by cookie' } }),
  },
  {
    route: 'DELETE /posts/{id}',
    as: 'bearer',
    send: async (f) => ({ path: `/posts/${await postBy(f.user.id, f.bearer)}`, method: 'DELETE' }),
  },
  { route: 'GET /posts/{postId}/comments', as: 'anonymous', send: (f) => ({ path: `/posts/${f.postId}/comments` }) },
  {
    route: 'POST /posts/{postId}/comments',
    as: 'bearer',
    send: (f) => ({ path: `/posts/${f.postId}/comments`, method: 'POST', json: { body: 'Counted' } }),
  },
  {
    route: 'GET /posts/{postId}/comments/{id}',
    as: 'anonymous',
    send: (f) => ({ path: `/posts/${f.postId}/comments/${f.commentId}` }),
  },
  {
    route: 'PATCH /posts/{postId}/comments/{id}',
    as: 'bearer',
    send: (f) => ({ path: `/posts/${f.postId}/comments/${f.commentId}`, method: 'PATCH', json: { body: 'Edited' } }),
  },
  {
    route: 'DELETE /posts/{postId}/comments/{id}',
    as: 'bearer',
    send: async (f) => ({
      path: `/posts/${f.postId}/comments/${await commentOn(f.postId, f.bearer)}`,
      method: 'DELETE',
    }),
  },
  {
    route: 'POST /auth/login',
    as: 'anonymous',
    send: (f) => ({ path: '/auth/login', method: 'POST', json: { email: f.user.email, password: PASSWORD } }),
  },
  {
    route: 'POST /auth/refresh',
    as: 'anonymous',
    send: async (f) => ({
      path: '/auth/refresh',
      method: 'POST',
      json: { refreshToken: (await login(f.user.email)).refreshToken },
    }),
  },
  {
    route: 'POST /auth/session',
    as: 'anonymous',
    send: (f) => ({ path: '/auth/session', method: 'POST', json: { email: f.user.email, password: PASSWORD } }),
  },
  { route: 'GET /auth/me', as: 'bearer', send: () => ({ path: '/auth/me' }) },
  { route: 'GET /auth/me', as: 'cookie', send: () => ({ path: '/auth/me' }) },
  {
    route: 'POST /auth/logout',
    as: 'bearer',
    send: async (f) => ({ path: '/auth/logout', method: 'POST', headers: (await login(f.user.email)).bearer }),
  },
  {
    route: 'POST /auth/logout',
    as: 'cookie',
    send: async (f) => ({ path: '/auth/logout', method: 'POST', headers: await sessionOf(f.user.email) }),
  },
  {
    route: 'POST /auth/logout-all',
    as: 'bearer',
    fresh: true,
    send: () => ({ path: '/auth/logout-all', method: 'POST' }),
  },
  {
    route: 'POST /auth/password',
    as: 'bearer',
    fresh: true,
    send: () => ({
      path: '/auth/password',
      method: 'POST',
      json: { currentPassword: PASSWORD, newPassword: 'another-long-password' },
    }),
  },
  {
    route: 'POST /auth/email',
    as: 'bearer',
    fresh: true,
    send: () => ({
      path: '/auth/email',
      method: 'POST',
      json: { currentPassword: PASSWORD, newEmail: `moved-${crypto.randomUUID()}@example.test` },
    }),
  },
  // An admin with a `stats` key on top.
  { route: 'GET /admin/stats', as: 'admin', send: (f) => ({ path: '/admin/stats', headers: f.apiKey }) },
  { route: 'GET /admin/users', as: 'admin', send: () => ({ path: '/admin/users' }) },
  { route: 'GET /admin/users/{id}', as: 'admin', send: (f) => ({ path: `/admin/users/${f.user.id}` }) },
  {
    route: 'PATCH /admin/users/{id}',
    as: 'admin',
    send: (f) => ({ path: `/admin/users/${f.user.id}`, method: 'PATCH', json: { name: 'Renamed' } }),
  },
  {
    route: 'DELETE /admin/users/{id}',
    as: 'admin',
    fresh: true,
    // Re-authenticated: the admin's own current password (every user the kit signs in by role has it).
    send: (f) => ({ path: `/admin/users/${f.user.id}`, method: 'DELETE', json: { currentPassword: KIT_PASSWORD } }),
  },
  { route: 'GET /admin/maintenance', as: 'admin', send: () => ({ path: '/admin/maintenance' }) },
  {
    route: 'POST /admin/maintenance',
    as: 'admin',
    send: () => ({ path: '/admin/maintenance', method: 'POST', json: { enabled: false } }),
  },
  {
    route: 'POST /admin/api-keys',
    as: 'admin',
    send: () => ({ path: '/admin/api-keys', method: 'POST', json: { name: 'counted', scopes: ['stats'] } }),
  },
  { route: 'GET /admin/api-keys', as: 'admin', send: () => ({ path: '/admin/api-keys' }) },
  {
    route: 'DELETE /admin/api-keys/{id}',
    as: 'admin',
    send: async (f) => {
      const res = await setup.fetch('/admin/api-keys', {
        method: 'POST',
        headers: f.admin,
        json: { name: 'doomed', scopes: ['stats'] },
      })
      return { path: `/admin/api-keys/${((await res.json()) as { id: string }).id}`, method: 'DELETE' }
    },
  },
  { route: 'GET /export', as: 'bearer', send: () => ({ path: '/export' }) },
  { route: 'GET /integrations/export', as: 'api key', send: () => ({ path: '/integrations/export' }) },
  {
    route: 'POST /files',
    as: 'bearer',
    send: () => {
      const body = new FormData()
      body.append('file', new File([new TextEncoder().encode('counted')], 'counted.txt'))
      return { path: '/files', method: 'POST', body }
    },
  },
  { route: 'GET /files', as: 'bearer', send: () => ({ path: '/files' }) },
  { route: 'GET /files/{key}', as: 'bearer', send: (f) => ({ path: `/files/${f.fileKey}` }) },
  {
    route: 'DELETE /files/{key}',
    as: 'bearer',
    send: async (f) => ({ path: `/files/${await uploadAs(f.bearer)}`, method: 'DELETE' }),
  },
  { route: 'POST /rooms/{room}/ticket', as: 'bearer', send: () => ({ path: '/rooms/counted/ticket', method: 'POST' }) },
  {
    route: 'GET /rooms/{room}',
    as: 'anonymous',
    send: async (f) => {
      const res = await setup.fetch('/rooms/counted/ticket', { method: 'POST', headers: f.bearer })
      const { ticket } = (await res.json()) as { ticket: string }
      return { path: `/rooms/counted?ticket=${encodeURIComponent(ticket)}`, headers: { upgrade: 'websocket' } }
    },
  },
]
