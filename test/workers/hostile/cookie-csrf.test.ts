import { beforeAll, describe, expect, it } from 'vitest'
import { sessionSetCookie } from '../helpers'
import { createUser } from '../kit'
import { baseline, encode } from './baseline'
import { hostile } from './client'
import { operations } from './operations'

// Every unsafe operation the document lets a session cookie authenticate, walked as a forged cross-site
// request: an admin's session (so no role check is what refuses it), a valid body, a hostile page's headers.
const unsafe = operations.filter(
  (op) => !['GET', 'HEAD'].includes(op.method) && op.security.some((requirement) => 'cookieAuth' in requirement),
)
let cookie = ''

// A session cookie of an admin's, from a real session login: a user signs up, an admin promotes them.
beforeAll(async () => {
  const password = 'cookie-csrf-password'
  const { user } = await createUser(hostile, { password })
  const admin = await hostile.as({ role: 'admin' })
  expect((await admin.fetch(`/admin/users/${user.id}`, { method: 'PATCH', json: { role: 'admin' } })).status).toBe(200)
  const session = await hostile.fetch('/auth/session', { method: 'POST', json: { email: user.email, password } })
  expect(session.status).toBe(200)
  cookie = sessionSetCookie(session)!.split(';')[0]!
})

const forged = (op: (typeof unsafe)[number], headers: Record<string, string>) => {
  const sample = baseline(op)
  const encoded = op.body ? encode(op.body.contentType, sample.body) : { headers: {} }
  return hostile.fetch(sample.url(), {
    method: op.method,
    headers: { ...sample.headers, ...encoded.headers, cookie, ...headers },
    ...('body' in encoded ? { body: encoded.body } : {}),
  })
}

describe('cookie-authenticated writes refuse cross-site requests on every operation', () => {
  it('walks some operations', () => {
    expect(unsafe.length).toBeGreaterThan(5)
  })

  for (const op of unsafe) {
    it(`${op.method} ${op.path}: a cross-site page is refused with 403 before the handler runs`, async () => {
      const hostile: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
        { 'sec-fetch-site': 'same-site', origin: 'https://sub.api.test' },
        {},
      ]
      for (const headers of hostile) {
        const res = await forged(op, headers)
        expect(res.status, JSON.stringify(headers)).toBe(403)
        expect(await res.json()).toMatchObject({ detail: expect.stringContaining('cross-site request') })
      }
    })
  }

  it('the same cookie from the API’s own origin gets past CSRF (the control case)', async () => {
    const op = unsafe.find((o) => o.path === '/auth/logout')!
    const res = await forged(op, { 'sec-fetch-site': 'same-origin' })
    expect(res.status).toBe(204)
  })
})

describe('the session cookie is read under its one declared name only', () => {
  it('refuses the id under the bare, re-cased or look-alike names, on http and https, and takes the real one', async () => {
    // A session of its own: the control case above logged the shared one out.
    const password = 'cookie-name-password'
    const { user } = await createUser(hostile, { password })
    const session = await hostile.fetch('/auth/session', { method: 'POST', json: { email: user.email, password } })
    const id = /^__Host-sid=([^;]+)/.exec(sessionSetCookie(session) ?? '')![1]!
    for (const origin of ['http://localhost:8787', 'https://api.test']) {
      const me = (cookieHeader: string) => hostile.fetch(`${origin}/auth/me`, { headers: { cookie: cookieHeader } })
      for (const name of ['sid', '__host-sid', '__Host-SID', '__Secure-sid', '%5F%5FHost-sid', 'x__Host-sid'])
        expect((await me(`${name}=${id}`)).status, `${origin} ${name}`).toBe(401)
      // The first occurrence wins (RFC 6265 §5.4): a planted bare or bogus cookie before it changes nothing.
      expect((await me(`sid=${id}; __Host-sid=${id}`)).status, origin).toBe(200)
      expect((await me(`__Host-sid=bogus; __Host-sid=${id}`)).status, origin).toBe(401)
      expect((await me(`__Host-sid=${id}`)).status, origin).toBe(200)
    }
  })
})

describe("what counts as the API's own origin, for a session login and a cookie write", () => {
  it('refuses a login that any browser header marks cross-site, an opaque Origin included', async () => {
    const password = 'login-origin-password'
    const { user } = await createUser(hostile, { password })
    const login = (headers: Record<string, string>) =>
      hostile.fetch('http://localhost:8787/auth/session', {
        method: 'POST',
        headers,
        json: { email: user.email, password },
      })
    const crossSite: Record<string, string>[] = [
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'http://LOCALHOST:8787' },
      { origin: 'http://localhost:8787.evil.example' },
      { 'sec-fetch-site': 'cross-site', origin: 'null' },
    ]
    for (const headers of crossSite) {
      const res = await login(headers)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(await res.json()).toMatchObject({ detail: 'A cross-site page may not start a session' })
    }
    const ownOrAllowed: Record<string, string>[] = [
      {},
      { 'sec-fetch-site': 'none' },
      { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' },
      { origin: 'http://localhost:8787' },
      // An allowed page's origin passes whatever Sec-Fetch-Site says.
      { 'sec-fetch-site': 'cross-site', origin: 'http://localhost:5173' },
    ]
    for (const headers of ownOrAllowed) {
      const res = await login(headers)
      expect(res.status, JSON.stringify(headers)).toBe(200)
      await res.arrayBuffer()
    }
  })

  it('refuses a cookie write from an opaque Origin, and takes one from an allowed page', async () => {
    const password = 'write-origin-password'
    const { user } = await createUser(hostile, { password })
    const session = await hostile.fetch('/auth/session', { method: 'POST', json: { email: user.email, password } })
    const own = sessionSetCookie(session)!.split(';')[0]!
    const logout = (headers: Record<string, string>) =>
      hostile.fetch('/auth/logout', { method: 'POST', headers: { cookie: own, ...headers } })
    const opaque: Record<string, string>[] = [{ origin: 'null' }, { 'sec-fetch-site': 'cross-site', origin: 'null' }]
    for (const headers of opaque) {
      const res = await logout(headers)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(await res.json()).toMatchObject({ detail: expect.stringContaining('cross-site request') })
    }
    expect((await logout({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:5173' })).status).toBe(204)
  })
})
