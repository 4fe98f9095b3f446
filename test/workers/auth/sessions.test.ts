import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'
import { problem, sessionSetCookie } from '../helpers'
import { apiClient } from '../kit'
import { bearer, seedUser } from '../seed-user'

const api = apiClient()

const COOKIE = /^__Host-sid=([A-Za-z0-9_-]{43}); Path=\/; Secure; HttpOnly; SameSite=Lax; Max-Age=43200$/
const startSession = (email: string, password: string, headers: Record<string, string> = {}) =>
  api.fetch('/auth/session', { method: 'POST', headers, json: { email, password } })

/** Logs a seeded user in with a session: the cookie header to send back, its raw id and CSRF token. */
async function session() {
  const user = await seedUser()
  const res = await startSession(user.email, user.password)
  expect(res.status).toBe(200)
  const id = COOKIE.exec(sessionSetCookie(res) ?? '')![1]!
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return { user, id, cookie: `__Host-sid=${id}`, csrfToken }
}
const post = (cookie: string, authorId: number, headers: Record<string, string> = {}) =>
  api.fetch('/posts', {
    method: 'POST',
    // The client signs nobody in: the cookie is the only credential.
    headers: { cookie, ...headers },
    json: { authorId, title: 'From a browser', content: 'Posted with a session cookie.' },
  })
const rowCount = async (id: string) => {
  const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(id)))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
  return (await env.DB.prepare('SELECT COUNT(*) AS n FROM sessions WHERE id = ?').bind(hash).first<{ n: number }>())!.n
}

describe('cookie sessions', () => {
  it('sets exactly `__Host-sid=…; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=43200`, uncacheable', async () => {
    const user = await seedUser()
    const res = await startSession(user.email, user.password)
    expect(sessionSetCookie(res)).toMatch(COOKIE)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/) })
  })

  it('sets and reads the cookie the document names, on plain http as on https', async () => {
    const named = document.components.securitySchemes.cookieAuth.name
    expect(named).toBe('__Host-sid')
    for (const origin of ['http://localhost:8787', 'https://api.test']) {
      const user = await seedUser()
      const res = await api.fetch(`${origin}/auth/session`, {
        method: 'POST',
        json: { email: user.email, password: user.password },
      })
      const set = sessionSetCookie(res) ?? ''
      expect(set, origin).toMatch(COOKIE)
      expect(set.split('=')[0], origin).toBe(named)
      const cookie = `${named}=${COOKIE.exec(set)![1]}`
      expect((await api.fetch(`${origin}/auth/me`, { headers: { cookie } })).status, origin).toBe(200)
      // The unprefixed name is no credential anywhere: a sibling subdomain could have set it.
      const bare = `sid=${COOKIE.exec(set)![1]}`
      expect((await api.fetch(`${origin}/auth/me`, { headers: { cookie: bare } })).status, origin).toBe(401)
    }
  })

  it('authenticates reads with the cookie, and stores only a hash of the id', async () => {
    const { user, id, cookie } = await session()
    const me = await api.fetch('/auth/me', { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ id: user.id, email: user.email })
    const stored = await env.DB.prepare('SELECT id FROM sessions WHERE subject = ?').bind(String(user.id)).all()
    expect(JSON.stringify(stored.results)).not.toContain(id)
    expect(await rowCount(id)).toBe(1)
  })

  it('issues a fresh id at login and deletes the one presented (no fixation)', async () => {
    const { user, id, cookie } = await session()
    const again = await startSession(user.email, user.password, { cookie })
    const fresh = COOKIE.exec(sessionSetCookie(again) ?? '')![1]!
    expect(fresh).not.toBe(id)
    expect(await rowCount(id)).toBe(0)
    expect((await api.fetch('/auth/me', { headers: { cookie } })).status).toBe(401)
    expect((await api.fetch('/auth/me', { headers: { cookie: `__Host-sid=${fresh}` } })).status).toBe(200)
  })

  it('logout deletes the server-side session and expires the cookie', async () => {
    const { id, cookie } = await session()
    const out = await api.fetch('/auth/logout', {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    })
    expect(out.status).toBe(204)
    expect(sessionSetCookie(out)).toBe('__Host-sid=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0')
    expect(await rowCount(id)).toBe(0)
    expect((await api.fetch('/auth/me', { headers: { cookie } })).status).toBe(401)
  })

  it('ends a session idle for longer than 30 minutes, or older than 12 hours, and deletes it', async () => {
    for (const column of ['seen_at', 'created_at']) {
      const { user, id, cookie } = await session()
      const ago = column === 'seen_at' ? 31 * 60_000 : 12 * 3_600_000 + 1000
      await env.DB.prepare(`UPDATE sessions SET ${column} = ? WHERE subject = ?`)
        .bind(Date.now() - ago, String(user.id))
        .run()
      const res = await api.fetch('/auth/me', { headers: { cookie } })
      expect(res.status, column).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Cookie realm="api"')
      expect(await rowCount(id)).toBe(0)
    }
  })

  it('a deleted account ends its sessions', async () => {
    const { user, cookie } = await session()
    await env.DB.prepare('DELETE FROM users WHERE id = ?').bind(user.id).run()
    const res = await api.fetch('/auth/me', { headers: { cookie } })
    expect(res.status).toBe(401)
    expect(await problem(res)).toMatchObject({ detail: 'The account no longer exists' })
  })
})

describe('CSRF for cookie-authenticated writes', () => {
  it('refuses a cross-site cookie POST, and one that says nothing about its origin', async () => {
    const { user, cookie } = await session()
    const crossSite = await post(cookie, user.id, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })
    expect(crossSite.status).toBe(403)
    expect(await problem(crossSite)).toMatchObject({ detail: expect.stringContaining('X-CSRF-Token') })
    const sameSite = await post(cookie, user.id, { 'sec-fetch-site': 'same-site', origin: 'https://evil.api.test' })
    expect(sameSite.status).toBe(403)
    await sameSite.arrayBuffer()
    const silent = await post(cookie, user.id)
    expect(silent.status).toBe(403)
    await silent.arrayBuffer()
  })

  it('lets through a same-origin POST, an allowed Origin, and the session token', async () => {
    const { user, cookie, csrfToken } = await session()
    const passing: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-origin' },
      { origin: 'https://api.test' },
      { origin: 'http://localhost:5173', 'sec-fetch-site': 'cross-site' },
      { 'x-csrf-token': csrfToken },
    ]
    for (const headers of passing) {
      const res = await post(cookie, user.id, headers)
      expect(res.status, JSON.stringify(headers)).toBe(201)
      await res.arrayBuffer()
    }
    const forged = await post(cookie, user.id, { 'x-csrf-token': '0'.repeat(64) })
    expect(forged.status).toBe(403)
    await forged.arrayBuffer()
  })

  it('exempts bearer requests, even cross-site and with a cookie alongside', async () => {
    const { cookie } = await session()
    const other = await seedUser()
    const res = await post(cookie, other.id, {
      ...bearer(other.token),
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    })
    expect(res.status).toBe(201)
    await res.arrayBuffer()
  })

  it('refuses a cross-site login (login CSRF) but not a client that sends no browser headers', async () => {
    const user = await seedUser()
    const cross = await startSession(user.email, user.password, {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    })
    expect(cross.status).toBe(403)
    expect(cross.headers.get('set-cookie')).toBeNull()
    await cross.arrayBuffer()
    expect((await startSession(user.email, user.password)).status).toBe(200)
  })
})
