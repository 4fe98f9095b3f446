import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateApiKey } from '../../../src/app/api-keys/key-secret'
import { problem } from '../helpers'
import { apiClient } from '../kit'
import { bearer, type SeededUser, seedUser } from '../seed-user'

const api = apiClient()

/** A key as an admin would create it: a key holds only as long as its creator is an admin. */
async function keyWith(scopes: string): Promise<string> {
  const { id, key, secretHash } = await generateApiKey()
  const creator = await seedUser('admin')
  await env.DB.prepare('INSERT INTO api_keys (id, name, secret_hash, scopes, created_by) VALUES (?, ?, ?, ?, ?)')
    .bind(id, 'test', secretHash, scopes, creator.id)
    .run()
  return key
}

describe('the admin area', () => {
  let admin: SeededUser
  let user: SeededUser
  beforeAll(async () => {
    ;[admin, user] = await Promise.all([seedUser('admin'), seedUser()])
  })

  it('shows admins the admin view of users: the fields the public view hides, never the password hash', async () => {
    const res = await api.fetch('/admin/users?per_page=100', { headers: bearer(admin.token) })
    expect(res.status).toBe(200)
    const page = (await res.json()) as { items: Record<string, unknown>[]; total: number }
    const listed = page.items.find((u) => u.id === user.id)
    expect(listed).toMatchObject({ id: user.id, email: user.email, role: 'user', version: 1 })
    expect(listed).not.toHaveProperty('passwordHash')
    expect(JSON.stringify(page)).not.toContain('pbkdf2')
    const publicView = (await (await api.fetch(`/users/${user.id}`)).json()) as Record<string, unknown>
    expect(publicView).not.toHaveProperty('version')
  })

  it('refuses the admin area to a user (403) and to no one (401)', async () => {
    const res = await api.fetch('/admin/users', { headers: bearer(user.token) })
    expect(res.status).toBe(403)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="api", error="insufficient_scope"/)
    expect(await problem(res)).toMatchObject({ status: 403, detail: 'Requires role admin' })
    expect((await api.fetch('/admin/users')).status).toBe(401)
    expect((await api.fetch(`/admin/users/${user.id}`, { method: 'DELETE', headers: bearer(user.token) })).status).toBe(
      403,
    )
  })

  it('lets an admin change a role, which the next login carries, and refuses it to the user themself', async () => {
    const member = await seedUser()
    const self = await api.fetch(`/users/${member.id}`, {
      method: 'PATCH',
      headers: bearer(member.token),
      json: { role: 'admin' },
    })
    expect(self.status).toBe(400)
    expect(await problem(self)).toMatchObject({ errors: [{ in: 'body', name: 'role' }] })
    const promote = await api.fetch(`/admin/users/${member.id}`, {
      method: 'PATCH',
      headers: bearer(admin.token),
      json: { role: 'admin' },
    })
    expect(promote.status).toBe(200)
    expect(await promote.json()).toMatchObject({ id: member.id, role: 'admin' })
    const login = await api.fetch('/auth/login', {
      method: 'POST',
      json: { email: member.email, password: member.password },
    })
    const { accessToken } = (await login.json()) as { accessToken: string }
    expect((await api.fetch('/admin/users', { headers: bearer(accessToken) })).status).toBe(200)
    const byUser = await api.fetch(`/admin/users/${member.id}`, {
      method: 'PATCH',
      headers: bearer(user.token),
      json: { age: 1 },
    })
    expect(byUser.status).toBe(403)
  })

  it('deletes a user through /admin/users/:id, then answers 404', async () => {
    const victim = await seedUser()
    const json = { currentPassword: admin.password }
    const res = await api.fetch(`/admin/users/${victim.id}`, { method: 'DELETE', headers: bearer(admin.token), json })
    expect(res.status).toBe(204)
    expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?').bind(victim.id).first()).toBeNull()
    const again = await api.fetch(`/admin/users/${victim.id}`, { method: 'DELETE', headers: bearer(admin.token), json })
    expect(again.status).toBe(404)
  })
})

describe('one export handler under two layers', () => {
  let user: SeededUser
  beforeAll(async () => {
    user = await seedUser()
    await env.DB.prepare("INSERT INTO posts (author_id, title, content) VALUES (?, 'Exported', 'Body')")
      .bind(user.id)
      .run()
  })

  it('serves the same data to a person with a token and a machine with an export key', async () => {
    const people = await api.fetch('/export', { headers: bearer(user.token) })
    const machines = await api.fetch('/integrations/export', { headers: { 'x-api-key': await keyWith('export') } })
    expect(people.status).toBe(200)
    expect(machines.status).toBe(200)
    expect(people.headers.get('content-type')).toBe('application/x-ndjson')
    type Line = { kind: string; exportedAt?: string; item?: { id: number; title?: string } }
    const lines = async (res: Response) =>
      // Decoded by hand: workerd warns on .text() of a body whose type is not text.
      new TextDecoder()
        .decode(await res.arrayBuffer())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Line)
    const a = await lines(people)
    const b = await lines(machines)
    expect(a[0]!.kind).toBe('export')
    expect(a.slice(1)).toEqual(b.slice(1))
    expect(a.filter((l) => l.kind === 'user').map((l) => l.item!.id)).toContain(user.id)
    expect(a.filter((l) => l.kind === 'post').map((l) => l.item!.title)).toContain('Exported')
    expect(JSON.stringify(a)).not.toContain('pbkdf2')
  })

  it('keeps each route to its own credentials', async () => {
    expect((await api.fetch('/export', { headers: { 'x-api-key': await keyWith('export') } })).status).toBe(401)
    expect((await api.fetch('/integrations/export', { headers: bearer(user.token) })).status).toBe(401)
    const wrongScope = await api.fetch('/integrations/export', { headers: { 'x-api-key': await keyWith('stats') } })
    expect(wrongScope.status).toBe(403)
  })
})
