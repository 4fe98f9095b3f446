import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

// Passed explicitly, as `wrangler secret put` provides it in production (a fresh checkout has no .dev.vars).
const JWT_SECRET = 'http-test-secret-that-is-long-enough-0123456789'
type Pair = { accessToken: string; refreshToken: string }

// The session cookie, among the others a write sets (the D1 bookmark).
const sidCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('__Host-sid=')) ?? ''

describe('authentication over real HTTP from wrangler dev', () => {
  let server: DevServer
  const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init)
  const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  const login = async (email: string, password: string) => {
    const res = await call('/auth/login', json('POST', { email, password }))
    expect(res.status).toBe(200)
    return (await res.json()) as Pair
  }
  let n = 0
  /** Signs a fresh user up over HTTP and logs it in. */
  const signUp = async () => {
    const email = `http-${++n}-${crypto.randomUUID().slice(0, 6)}@example.com`
    const created = await call(
      '/users',
      json('POST', { name: `Http ${n}`, email, age: 30, password: 'http-password-1' }),
    )
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    return { id, email, password: 'http-password-1', ...(await login(email, 'http-password-1')) }
  }

  beforeAll(async () => {
    server = await startDevServer({ seed: true, vars: { JWT_SECRET } })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('logs the seeded admin in, serves /auth/me, opens /admin/stats with a stats key, and logs out', async () => {
    const { accessToken } = await login('admin@example.com', 'admin-password')
    const auth = bearer(accessToken)

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

  it('a demoted admin loses /admin on the next request; a deleted one cannot create API keys (401, not 500)', async () => {
    const admin = await login('admin@example.com', 'admin-password')
    const user = await signUp()
    const promote = await call(`/admin/users/${user.id}`, json('PATCH', { role: 'admin' }, bearer(admin.accessToken)))
    expect(promote.status).toBe(200)
    expect((await call('/admin/users', { headers: bearer(user.accessToken) })).status).toBe(200)
    await call(`/admin/users/${user.id}`, json('PATCH', { role: 'user' }, bearer(admin.accessToken)))
    expect((await call('/admin/users', { headers: bearer(user.accessToken) })).status).toBe(403)

    const doomed = await signUp()
    await call(`/admin/users/${doomed.id}`, json('PATCH', { role: 'admin' }, bearer(admin.accessToken)))
    expect(
      (
        await call(
          `/admin/users/${doomed.id}`,
          json('DELETE', { currentPassword: 'admin-password' }, bearer(admin.accessToken)),
        )
      ).status,
    ).toBe(204)
    const key = await call(
      '/admin/api-keys',
      json('POST', { name: 'ghost', scopes: ['stats'] }, bearer(doomed.accessToken)),
    )
    expect(key.status).toBe(401)
  })

  it('a password change needs the current password and ends the other tokens; a reused refresh token kills the family', async () => {
    const user = await signUp()
    const second = await login(user.email, user.password)
    const patch = await call(
      `/users/${user.id}`,
      json('PATCH', { password: 'sneaky-new-pass' }, bearer(user.accessToken)),
    )
    expect(patch.status).toBe(400)
    const change = (current: string) =>
      call(
        '/auth/password',
        json('POST', { currentPassword: current, newPassword: 'http-password-2' }, bearer(user.accessToken)),
      )
    expect((await change('wrong')).status).toBe(403)
    const changed = await change(user.password)
    expect(changed.status).toBe(200)
    const fresh = (await changed.json()) as Pair
    expect((await call('/auth/me', { headers: bearer(second.accessToken) })).status).toBe(401)
    expect((await call('/auth/me', { headers: bearer(fresh.accessToken) })).status).toBe(200)

    const rotated = await call('/auth/refresh', json('POST', { refreshToken: fresh.refreshToken }))
    expect(rotated.status).toBe(200)
    const next = (await rotated.json()) as Pair
    expect((await call('/auth/refresh', json('POST', { refreshToken: fresh.refreshToken }))).status).toBe(401)
    expect((await call('/auth/refresh', json('POST', { refreshToken: next.refreshToken }))).status).toBe(401)
    expect((await call('/auth/me', { headers: bearer(next.accessToken) })).status).toBe(401)
  })

  it('cookie sessions: exact flags on http, a fresh id per login, cross-site POST refused, same-origin passes', async () => {
    const user = await signUp()
    const start = (headers: Record<string, string> = {}) =>
      call('/auth/session', json('POST', { email: user.email, password: user.password }, headers))
    const first = await start()
    const setCookie = sidCookie(first)
    // Plain http (wrangler dev): the name the document declares and every flag, as on https.
    expect(setCookie).toMatch(/^__Host-sid=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Lax; Max-Age=43200$/)
    const cookie = setCookie.split(';')[0]!
    const second = await start({ cookie })
    const cookie2 = sidCookie(second).split(';')[0]!
    expect(cookie2).not.toBe(cookie)
    expect((await call('/auth/me', { headers: { cookie } })).status).toBe(401)

    const post = (headers: Record<string, string>) =>
      call(
        '/posts',
        json(
          'POST',
          { authorId: user.id, title: 'Cookie post', content: 'Sent by a browser.' },
          { cookie: cookie2, ...headers },
        ),
      )
    const cross = await post({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })
    expect(cross.status).toBe(403)
    expect(cross.headers.get('content-type')).toBe('application/problem+json')
    expect((await post({ 'sec-fetch-site': 'same-origin', origin: server.url })).status).toBe(201)
  })

  it('anonymous user reads carry no email; every scheme answers 401 with its challenge', async () => {
    const list = await call('/users?per_page=100')
    const text = await list.text()
    expect(list.status).toBe(200)
    expect(text).not.toContain('@')
    expect(text).not.toContain('"role"')
    const challenges = {
      '/auth/me': /^Bearer realm="api", Cookie realm="api"/,
      '/admin/stats': /^Bearer realm="api"/,
      '/integrations/export': /^ApiKey realm="api", header="X-API-Key"$/,
      '/metrics': /^Basic realm="metrics", charset="UTF-8"$/,
    }
    for (const [path, challenge] of Object.entries(challenges)) {
      const res = await call(path)
      expect(res.status, path).toBe(401)
      expect(res.headers.get('www-authenticate'), path).toMatch(challenge)
    }
    const key = await call('/integrations/export', { headers: { 'x-api-key': 'eak_0000000000000000_nope' } })
    expect(key.status).toBe(401)
    expect(key.headers.get('www-authenticate')).toContain('error="invalid_token"')
    const metrics = await call('/metrics', {
      headers: { authorization: `Basic ${btoa('metrics:dev-server-metrics-password-0123')}` },
    })
    expect(metrics.status).toBe(200)
  })
})
