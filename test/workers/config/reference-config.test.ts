import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { decodeJwt } from 'jose'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api } from '../../../src/app/api'
import { createApp } from '../../../src/core'
import { problem } from '../helpers'
import { bearer, seedUser } from '../seed-user'

const app = createApp(api)
afterEach(() => vi.restoreAllMocks())

/** Sends a request to the reference app with some vars replaced (undefined removes one). */
async function withVars(
  vars: Record<string, string | undefined>,
  path: string,
  init: RequestInit = {},
  host = 'api.test',
) {
  const patched: Record<string, unknown> = { ...env, ...vars }
  for (const [k, value] of Object.entries(vars)) if (value === undefined) delete patched[k]
  const ctx = createExecutionContext()
  const res = await app.fetch(new Request(`https://${host}${path}`, init), patched as unknown as Cloudflare.Env, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

const login = (vars: Record<string, string | undefined>, email: string, password: string) =>
  withVars(vars, '/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })

describe('the reference configuration (src/app/config.ts)', () => {
  it('answers every request with one 503 problem naming a bad variable, and logs it once', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const vars = { ACCESS_TOKEN_TTL: 'soon' }
    const patched = { ...env, ...vars } as unknown as Cloudflare.Env
    for (const path of ['/health', '/users', '/auth/login', '/nowhere']) {
      const res = await app.fetch(new Request(`https://api.test${path}`), patched, createExecutionContext())
      expect(res.status).toBe(503)
      expect(res.headers.get('x-request-id')).toBeTruthy()
      expect(await problem(res)).toMatchObject({
        status: 503,
        detail: "The Worker's configuration is invalid: ACCESS_TOKEN_TTL: must be a whole number of seconds",
        variables: ['ACCESS_TOKEN_TTL'],
      })
    }
    expect(log.mock.calls.filter((c) => String(c[0]).includes('invalid configuration'))).toHaveLength(1)
  })

  it('names each bad entry of a list variable', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await withVars({ CORS_ORIGINS: 'https://ok.example.com, https://bad.example.com/path' }, '/health')
    expect(res.status).toBe(503)
    const body = await problem(res)
    expect(body.detail).toContain('CORS_ORIGINS.1: "https://bad.example.com/path" is not valid')
  })

  it('allows the CORS_ORIGINS origins only, defaulting to the built-in list when unset', async () => {
    const site = { headers: { origin: 'https://shop.example.com' } }
    const custom = { CORS_ORIGINS: 'https://shop.example.com' }
    expect((await withVars(custom, '/greet?name=a', site)).headers.get('access-control-allow-origin')).toBe(
      'https://shop.example.com',
    )
    expect(
      (await withVars({ CORS_ORIGINS: undefined }, '/greet?name=a', site)).headers.has('access-control-allow-origin'),
    ).toBe(false)
    const local = { headers: { origin: 'http://localhost:5173' } }
    expect(
      (await withVars({ CORS_ORIGINS: undefined }, '/greet?name=a', local)).headers.get('access-control-allow-origin'),
    ).toBe('http://localhost:5173')
    expect((await withVars(custom, '/greet?name=a', local)).headers.has('access-control-allow-origin')).toBe(false)
  })

  it('answers only the ALLOWED_HOSTS hosts when set, and every host when empty', async () => {
    const hosts = { ALLOWED_HOSTS: 'api.example.com,*.workers.dev' }
    expect((await withVars(hosts, '/greet?name=a', {}, 'api.example.com')).status).toBe(200)
    expect((await withVars(hosts, '/greet?name=a', {}, 'edge-api.me.workers.dev')).status).toBe(200)
    const stray = await withVars(hosts, '/greet?name=a', {}, 'stray.example.net')
    expect(stray.status).toBe(400)
    expect(await problem(stray)).toMatchObject({ detail: 'Host stray.example.net is not allowed' })
    expect((await withVars({ ALLOWED_HOSTS: '' }, '/greet?name=a', {}, 'stray.example.net')).status).toBe(200)
  })

  it('issues tokens for ACCESS_TOKEN_TTL seconds', async () => {
    const user = await seedUser()
    const res = await login({ ACCESS_TOKEN_TTL: '120' }, user.email, user.password)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { accessToken: string; expiresIn: number }
    expect(body.expiresIn).toBe(120)
    const claims = decodeJwt(body.accessToken)
    expect(claims.exp! - claims.iat!).toBe(120)
  })

  it('answers a login without JWT_SECRET with a 503 naming the fix, while public routes still work', async () => {
    const user = await seedUser()
    const res = await login({ JWT_SECRET: undefined }, user.email, user.password)
    expect(res.status).toBe(503)
    expect((await problem(res)).detail).toContain('npx wrangler secret put JWT_SECRET')
    const authed = await withVars({ JWT_SECRET: undefined }, '/auth/me', { headers: bearer(user.token) })
    expect(authed.status).toBe(503)
    expect((await withVars({ JWT_SECRET: undefined }, '/users')).status).toBe(200)
  })

  it('refuses a JWT_SECRET under 256 bits on every request', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await withVars({ JWT_SECRET: 'short' }, '/users')
    expect(res.status).toBe(503)
    expect(await problem(res)).toMatchObject({ variables: ['JWT_SECRET'] })
    expect(JSON.stringify(await withVars({ JWT_SECRET: 'short' }, '/users').then((r) => r.json()))).not.toContain(
      'short"',
    )
  })

  it('sends MAINTENANCE_RETRY_AFTER when maintenance is switched on without a Retry-After', async () => {
    const admin = await seedUser('admin')
    const vars = { MAINTENANCE_RETRY_AFTER: '42' }
    const on = await withVars(vars, '/admin/maintenance', {
      method: 'POST',
      headers: { ...bearer(admin.token), 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    })
    expect(await on.json()).toEqual({ enabled: true, retryAfter: 42 })
    const off = await withVars(vars, '/admin/maintenance', {
      method: 'POST',
      headers: { ...bearer(admin.token), 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    })
    expect(off.status).toBe(200)
  })
})
