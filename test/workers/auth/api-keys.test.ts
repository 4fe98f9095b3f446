import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { ApiKeyRepo } from '../../../src/app/api-keys/repo'
import { HttpError, problemResponse } from '../../../src/core'
import { problem } from '../helpers'
import { apiClient } from '../kit'
import { bearer, type SeededUser, seedUser } from '../seed-user'

const api = apiClient()

interface Created {
  id: string
  name: string
  scopes: string[]
  key: string
  createdAt: string
  revokedAt: string | null
}

describe('API keys', () => {
  let admin: SeededUser
  let user: SeededUser
  const create = async (scopes: string[], name = 'reporting job'): Promise<Created> => {
    const res = await api.fetch('/admin/api-keys', {
      method: 'POST',
      headers: bearer(admin.token),
      json: { name, scopes },
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('cache-control')).toBe('no-store')
    return res.json()
  }
  const stats = (key: string, token = admin.token) =>
    api.fetch('/admin/stats', { headers: { ...bearer(token), 'x-api-key': key } })

  beforeAll(async () => {
    admin = await seedUser('admin')
    user = await seedUser('user')
  })

  it('shows a new key once and stores only a hash of its secret', async () => {
    const created = await create(['stats'])
    expect(created.key).toMatch(/^eak_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/)
    expect(created).toMatchObject({ name: 'reporting job', scopes: ['stats'], revokedAt: null })
    const row = await env.DB.prepare('SELECT * FROM api_keys WHERE id = ?').bind(created.id).first()
    const stored = JSON.stringify(row)
    expect(stored).not.toContain(created.key.slice(-43))
    expect(row?.secret_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('lists keys without their secrets or hashes', async () => {
    const created = await create(['export'], 'exporter')
    const res = await api.fetch('/admin/api-keys', { headers: bearer(admin.token) })
    expect(res.status).toBe(200)
    const { items: list } = (await res.json()) as { items: Record<string, unknown>[] }
    const listed = list.find((k) => k.id === created.id)
    expect(listed).toEqual({
      id: created.id,
      name: 'exporter',
      scopes: ['export'],
      createdAt: created.createdAt,
      revokedAt: null,
    })
    const text = JSON.stringify(list)
    expect(text).not.toContain(created.key)
    expect(text).not.toContain('secret')
  })

  it('lists keys in offset pages like every list: page, per_page, total, newest first, search in names', async () => {
    const older = await create(['stats'], 'paged older')
    const newer = await create(['stats'], 'paged newer')
    // Two keys made within one millisecond would tie on createdAt: the older one is dated back.
    await env.DB.prepare("UPDATE api_keys SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(older.id)
      .run()
    const page = async (query: string) => {
      const res = await api.fetch(`/admin/api-keys${query}`, { headers: bearer(admin.token) })
      expect(res.status).toBe(200)
      return (await res.json()) as { items: { id: string }[]; total: number; page: number; per_page: number }
    }
    const first = await page('?search=paged&per_page=1')
    expect(first).toMatchObject({ items: [{ id: newer.id }], total: 2, page: 1, per_page: 1 })
    expect(await page('?search=paged&per_page=1&page=2')).toMatchObject({ items: [{ id: older.id }], total: 2 })
    expect(await page('?search=paged&sort=createdAt')).toMatchObject({ items: [{ id: older.id }, { id: newer.id }] })
    const bad = await api.fetch('/admin/api-keys?per_page=0', { headers: bearer(admin.token) })
    expect(await problem(bad)).toMatchObject({ status: 400, errors: [{ in: 'query', name: 'per_page' }] })
  })

  it('lets only admins manage keys', async () => {
    const asUser = await api.fetch('/admin/api-keys', {
      method: 'POST',
      headers: bearer(user.token),
      json: { name: 'mine', scopes: ['stats'] },
    })
    expect(asUser.status).toBe(403)
    expect(await problem(asUser)).toMatchObject({ status: 403, detail: 'Requires role admin' })
    expect((await api.fetch('/admin/api-keys')).status).toBe(401)
  })

  it('names an unknown scope in a 400 and creates nothing', async () => {
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM api_keys').first<{ n: number }>()
    const res = await api.fetch('/admin/api-keys', {
      method: 'POST',
      headers: bearer(admin.token),
      json: { name: 'x', scopes: ['everything'] },
    })
    expect(res.status).toBe(400)
    expect(await problem(res)).toMatchObject({ errors: [{ in: 'body', name: 'scopes.0' }] })
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM api_keys').first<{ n: number }>()
    expect(after?.n).toBe(before?.n)
  })

  it('opens /admin/stats to an admin token with a key of the stats scope, with real counts', async () => {
    const { key } = await create(['stats'])
    const res = await stats(key)
    expect(res.status).toBe(200)
    const counts = (await res.json()) as Record<string, number>
    const users = await env.DB.prepare('SELECT COUNT(*) AS n FROM users').first<{ n: number }>()
    const keys = await env.DB.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL').first<{
      n: number
    }>()
    expect(counts.users).toBe(users?.n)
    expect(counts.activeApiKeys).toBe(keys?.n)
    expect(counts.admins).toBeGreaterThanOrEqual(1)
    expect(counts.posts).toBe(0)
  })

  it('refuses /admin/stats with a key lacking the scope (403) and without a key (401)', async () => {
    const { key } = await create(['export'])
    const wrongScope = await stats(key)
    expect(wrongScope.status).toBe(403)
    expect(wrongScope.headers.get('www-authenticate')).toContain('error="insufficient_scope"')
    expect(await problem(wrongScope)).toMatchObject({ detail: 'The API key lacks the "stats" scope' })
    const noKey = await api.fetch('/admin/stats', { headers: bearer(admin.token) })
    expect(noKey.status).toBe(401)
    expect(noKey.headers.get('www-authenticate')).toBe('ApiKey realm="api", header="X-API-Key"')
  })

  it('still demands the admin role on /admin/stats with a valid stats key', async () => {
    const { key } = await create(['stats'])
    expect((await stats(key, user.token)).status).toBe(403)
    expect((await api.fetch('/admin/stats', { headers: { 'x-api-key': key } })).status).toBe(401)
  })

  it('refuses a forged, malformed or tampered key', async () => {
    const { key } = await create(['stats'])
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`
    for (const bad of [tampered, `eak_0000000000000000_${'A'.repeat(43)}`, 'hunter2']) {
      const res = await stats(bad)
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"')
    }
  })

  it('stops a key working once revoked, and says 404 when revoking it again', async () => {
    const { id, key } = await create(['stats'])
    expect((await stats(key)).status).toBe(200)
    const revoke = await api.fetch(`/admin/api-keys/${id}`, { method: 'DELETE', headers: bearer(admin.token) })
    expect(revoke.status).toBe(204)
    expect((await stats(key)).status).toBe(401)
    const again = await api.fetch(`/admin/api-keys/${id}`, { method: 'DELETE', headers: bearer(admin.token) })
    expect(again.status).toBe(404)
    const listed = await api.fetch('/admin/api-keys?per_page=100', { headers: bearer(admin.token) })
    const { items } = (await listed.json()) as { items: Created[] }
    expect(items.find((k) => k.id === id)?.revokedAt).toEqual(expect.any(String))
  })
})

describe('API-key constraint failures are client errors, not 500s', () => {
  // Over HTTP a deleted admin's token is refused (401) before the handler: the account is read on every request.
  // The race that remains (the row deleted between that read and the insert) is the foreign key's to decide.
  it('a key whose creator no longer exists is a 422 naming createdBy (the foreign key decides), and nothing is stored', async () => {
    const gone = await seedUser('admin')
    await env.DB.prepare('DELETE FROM users WHERE id = ?').bind(gone.id).run()
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM api_keys').first<{ n: number }>()
    const refused = await new ApiKeyRepo(env.DB).create({ name: 'orphan', scopes: ['stats'], createdBy: gone.id }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(HttpError)
    const res = problemResponse(refused as HttpError, '/admin/api-keys')
    expect(res.status).toBe(422)
    expect(await problem(res)).toMatchObject({ fields: ['createdBy'] })
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM api_keys').first<{ n: number }>()).toEqual(before)
    const http = await api.fetch('/admin/api-keys', {
      method: 'POST',
      headers: bearer(gone.token),
      json: { name: 'orphan', scopes: ['stats'] },
    })
    expect(http.status).toBe(401)
    await http.arrayBuffer()
  })
})
