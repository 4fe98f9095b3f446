import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { problem, sessionSetCookie } from '../helpers'
import { apiClient } from '../kit'
import { bearer, seedUser } from '../seed-user'

const api = apiClient()

type Pair = { accessToken: string; refreshToken: string }
const login = async (email: string, password: string) => {
  const res = await api.fetch('/auth/login', { method: 'POST', json: { email, password } })
  expect(res.status).toBe(200)
  return (await res.json()) as Pair
}
const me = (token: string) => api.fetch('/auth/me', { headers: bearer(token) })
const refresh = (refreshToken: string) => api.fetch('/auth/refresh', { method: 'POST', json: { refreshToken } })

describe('credentials end on the next request', () => {
  it('a demoted admin loses admin powers at once, with the same token', async () => {
    const admin = await seedUser('admin')
    const other = await seedUser('admin')
    expect((await api.fetch('/admin/users', { headers: bearer(admin.token) })).status).toBe(200)
    const demote = await api.fetch(`/admin/users/${admin.id}`, {
      method: 'PATCH',
      headers: bearer(other.token),
      json: { role: 'user' },
    })
    expect(demote.status).toBe(200)
    const after = await api.fetch('/admin/users', { headers: bearer(admin.token) })
    expect(after.status).toBe(403)
    expect(await problem(after)).toMatchObject({ detail: 'Requires role admin' })
  })

  it('a deleted user is refused with 401: no API keys (no foreign-key 500), no uploads, no reads of /auth/me', async () => {
    const admin = await seedUser('admin')
    const killer = await seedUser('admin')
    const del = await api.fetch(`/admin/users/${admin.id}`, {
      method: 'DELETE',
      headers: bearer(killer.token),
      json: { currentPassword: killer.password },
    })
    expect(del.status).toBe(204)
    const key = await api.fetch('/admin/api-keys', {
      method: 'POST',
      headers: bearer(admin.token),
      json: { name: 'after death', scopes: ['stats'] },
    })
    expect(key.status).toBe(401)
    expect(await problem(key)).toMatchObject({ detail: 'The account no longer exists' })
    const form = new FormData()
    form.append('file', new File(['hello'], 'a.txt'))
    const upload = await api.fetch('/files', { method: 'POST', headers: bearer(admin.token), body: form })
    expect(upload.status).toBe(401)
    await upload.arrayBuffer()
    expect((await me(admin.token)).status).toBe(401)
    // The refresh family went with the row (ON DELETE CASCADE): no new tokens either.
    expect((await refresh(admin.refreshToken)).status).toBe(401)
  })

  it('PATCH /users/{me} cannot change the password: the field is refused', async () => {
    const user = await seedUser()
    const res = await api.fetch(`/users/${user.id}`, {
      method: 'PATCH',
      headers: bearer(user.token),
      json: { password: 'a-new-password-123' },
    })
    expect(res.status).toBe(400)
    expect(await problem(res)).toMatchObject({ errors: [expect.objectContaining({ name: 'password' })] })
    expect((await login(user.email, user.password)).accessToken).toEqual(expect.any(String))
  })

  it('a password change needs the current password and ends every other token, refresh token and session', async () => {
    const user = await seedUser()
    const second = await login(user.email, user.password)
    const session = await api.fetch('/auth/session', {
      method: 'POST',
      json: { email: user.email, password: user.password },
    })
    const cookie = sessionSetCookie(session)!.split(';')[0]!
    expect((await api.fetch('/auth/me', { headers: { cookie } })).status).toBe(200)

    const wrong = await api.fetch('/auth/password', {
      method: 'POST',
      headers: bearer(user.token),
      json: { currentPassword: 'not it', newPassword: 'a-brand-new-password' },
    })
    expect(wrong.status).toBe(403)
    expect((await me(user.token)).status).toBe(200)

    const changed = await api.fetch('/auth/password', {
      method: 'POST',
      headers: bearer(user.token),
      json: { currentPassword: user.password, newPassword: 'a-brand-new-password' },
    })
    expect(changed.status).toBe(200)
    const fresh = (await changed.json()) as Pair
    for (const token of [user.token, second.accessToken]) {
      const res = await me(token)
      expect(res.status).toBe(401)
      expect(await problem(res)).toMatchObject({ detail: 'The token has been revoked' })
    }
    expect((await refresh(second.refreshToken)).status).toBe(401)
    expect((await api.fetch('/auth/me', { headers: { cookie } })).status).toBe(401)
    expect((await me(fresh.accessToken)).status).toBe(200)
    expect((await refresh(fresh.refreshToken)).status).toBe(200)
    const old = await api.fetch('/auth/login', { method: 'POST', json: { email: user.email, password: user.password } })
    expect(old.status).toBe(401)
    await login(user.email, 'a-brand-new-password')
  })

  it('"log out everywhere" ends every token and session of the account, and only of that account', async () => {
    const user = await seedUser()
    const bystander = await seedUser()
    const second = await login(user.email, user.password)
    const session = await api.fetch('/auth/session', {
      method: 'POST',
      json: { email: user.email, password: user.password },
    })
    const cookie = sessionSetCookie(session)!.split(';')[0]!
    const out = await api.fetch('/auth/logout-all', { method: 'POST', headers: bearer(second.accessToken) })
    expect(out.status).toBe(204)
    expect((await me(user.token)).status).toBe(401)
    expect((await me(second.accessToken)).status).toBe(401)
    expect((await refresh(user.refreshToken)).status).toBe(401)
    expect((await api.fetch('/auth/me', { headers: { cookie } })).status).toBe(401)
    const { n } = (await env.DB.prepare('SELECT COUNT(*) AS n FROM sessions WHERE subject = ?')
      .bind(String(user.id))
      .first<{ n: number }>())!
    expect(n).toBe(0)
    expect((await me(bystander.token)).status).toBe(200)
  })
})

describe('refresh tokens rotate, and a reused one kills its family', () => {
  it('a refresh gives a working pair and the used refresh token never works again', async () => {
    const user = await seedUser()
    const first = await refresh(user.refreshToken)
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('no-store')
    const next = (await first.json()) as Pair
    expect(next.refreshToken).not.toBe(user.refreshToken)
    expect((await me(next.accessToken)).status).toBe(200)

    // The old refresh token again: a reuse. The whole family dies, the newest tokens included.
    const reused = await refresh(user.refreshToken)
    expect(reused.status).toBe(401)
    expect(reused.headers.get('www-authenticate')).toContain('error="invalid_token"')
    expect(await problem(reused)).toMatchObject({ detail: expect.stringContaining('already used') })
    expect((await refresh(next.refreshToken)).status).toBe(401)
    expect((await me(next.accessToken)).status).toBe(401)
    expect((await me(user.token)).status).toBe(401)
  })

  it('two concurrent refreshes with one token: one wins, the other counts as reuse', async () => {
    const user = await seedUser()
    const results = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 401])
    const winner = (await results.find((r) => r.status === 200)!.json()) as Pair
    expect((await me(winner.accessToken)).status).toBe(401)
  })

  it('an access token is not a refresh token, nor the reverse', async () => {
    const user = await seedUser()
    expect((await refresh(user.token)).status).toBe(401)
    expect((await me(user.refreshToken)).status).toBe(401)
  })
})
