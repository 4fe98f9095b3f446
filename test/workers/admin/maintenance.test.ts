import { beforeAll, describe, expect, it, vi } from 'vitest'
import { problem } from '../helpers'
import { apiClient } from '../kit'
import { bearer, type SeededUser, seedUser } from '../seed-user'

const api = apiClient()

describe('maintenance mode', () => {
  let admin: SeededUser
  let user: SeededUser
  const toggle = (enabled: boolean, token = admin.token, retryAfter?: number) =>
    api.fetch('/admin/maintenance', { method: 'POST', headers: bearer(token), json: { enabled, retryAfter } })

  beforeAll(async () => {
    admin = await seedUser('admin')
    user = await seedUser('user')
  })

  it('can only be switched by an admin', async () => {
    expect((await toggle(true, user.token)).status).toBe(403)
    expect((await api.fetch('/greet?name=x')).status).toBe(200)
  })

  it('answers 503 with Retry-After everywhere but health, login and admin while on, and nothing once off', async () => {
    const on = await toggle(true, admin.token, 120)
    expect(on.status).toBe(200)
    // Maintenance answers are on purpose: the request log may record their 503, but no error may be reported.
    const errors = vi.spyOn(console, 'error')
    const reported = () =>
      errors.mock.calls
        .map((c) => JSON.parse(String(c[0])) as { msg?: string })
        .filter((line) => line.msg !== 'request')
    expect(await on.json()).toEqual({ enabled: true, retryAfter: 120 })
    try {
      for (const path of ['/greet?name=x', '/auth/me', '/no/such/route']) {
        const res = await api.fetch(path, { headers: bearer(user.token) })
        expect(res.status, path).toBe(503)
        expect(res.headers.get('retry-after')).toBe('120')
        expect(await problem(res)).toMatchObject({ status: 503, detail: 'The API is down for maintenance' })
      }
      expect((await api.fetch('/health')).status).toBe(200)
      const login = await api.fetch('/auth/login', {
        method: 'POST',
        json: { email: user.email, password: user.password },
      })
      expect(login.status).toBe(200)
      const status = await api.fetch('/admin/maintenance', { headers: bearer(admin.token) })
      expect(await status.json()).toEqual({ enabled: true, retryAfter: 120 })
      expect(reported()).toEqual([])
    } finally {
      errors.mockRestore()
      const off = await toggle(false)
      expect(await off.json()).toEqual({ enabled: false, retryAfter: 0 })
    }
    expect((await api.fetch('/greet?name=x')).status).toBe(200)
    expect((await api.fetch('/auth/me', { headers: bearer(user.token) })).status).toBe(200)
  })

  it('names a bad body field and leaves the mode unchanged', async () => {
    const res = await api.fetch('/admin/maintenance', {
      method: 'POST',
      headers: bearer(admin.token),
      json: { enabled: 'yes' },
    })
    expect(res.status).toBe(400)
    expect(await problem(res)).toMatchObject({ errors: [{ in: 'body', name: 'enabled' }] })
    expect((await api.fetch('/greet?name=x')).status).toBe(200)
  })
})
