import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

// Passed explicitly, as `wrangler secret put` provides it in production (a fresh checkout has no .dev.vars).
const JWT_SECRET = 'http-test-secret-that-is-long-enough-0123456789'

describe('authentication over real HTTP from wrangler dev', () => {
  let server: DevServer
  const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init)
  const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

  beforeAll(async () => {
    server = await startDevServer({ seed: true, vars: { JWT_SECRET } })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('logs the seeded admin in, serves /auth/me, opens /admin/stats with a stats key, and logs out', async () => {
    const login = await call('/auth/login', json('POST', { email: 'admin@example.com', password: 'admin-password' }))
    expect(login.status).toBe(200)
    const { accessToken } = (await login.json()) as { accessToken: string }
    const auth = { authorization: `Bearer ${accessToken}` }

    const me = await call('/auth/me', { headers: auth })
    expect(await me.json()).toMatchObject({ email: 'admin@example.com', role: 'admin' })

    const created = await call('/admin/api-keys', json('POST', { name: 'http test', scopes: ['stats'] }, auth))
    expect(created.status).toBe(201)
    const { key } = (await created.json()) as { key: string }
    const stats = await call('/admin/stats', { headers: { ...auth, 'x-api-key': key } })
    expect(stats.status).toBe(200)
    expect(await stats.json()).toMatchObject({ users: 3, admins: 1, activeApiKeys: 1 })

    expect((await call('/auth/logout', { method: 'POST', headers: auth })).status).toBe(204)
    const after = await call('/auth/me', { headers: auth })
    expect(after.status).toBe(401)
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"')
    expect(after.headers.get('content-type')).toBe('application/problem+json')
  })
})
