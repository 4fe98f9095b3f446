import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { verifyPassword } from '../../../src/app/auth/password'
import { apiClient, createUser, deletion, type UserBody } from '../kit'

const api = apiClient()
const admin = await api.as({ role: 'admin' })
/** A user's full view, as admins read it. */
const fullUser = async (id: number) => (await (await admin.fetch(`/admin/users/${id}`)).json()) as UserBody

const valid = { name: 'Ada Lovelace', email: 'ada@example.com', age: 36, password: 'analytical-engine' }
const { password: _, email: _email, ...replacement } = valid

describe('users CRUD over D1', () => {
  it('creates, reads, replaces, patches and deletes a user', async () => {
    const created = await api.fetch('/users', { method: 'POST', json: valid })
    expect(created.status).toBe(201)
    const user = (await created.json()) as UserBody
    expect(user).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', age: 36, role: 'user' })
    expect(created.headers.get('location')).toBe(`/users/${user.id}`)
    expect(Object.keys(user).sort()).toEqual(['age', 'createdAt', 'email', 'id', 'name', 'role', 'updatedAt'])

    const read = await api.fetch(`/users/${user.id}`)
    expect(read.status).toBe(200)
    // Anyone's read is the public view: no email, role or age.
    expect(await read.json()).toEqual({ id: user.id, name: user.name, createdAt: user.createdAt })

    const replaced = await admin.fetch(`/users/${user.id}`, {
      method: 'PUT',
      json: { name: 'Ada King', age: 37 },
    })
    expect(replaced.status).toBe(200)
    expect(await replaced.json()).toMatchObject({ id: user.id, name: 'Ada King', email: 'ada@example.com', age: 37 })

    const patched = await admin.fetch(`/users/${user.id}`, { method: 'PATCH', json: { age: 38 } })
    expect(patched.status).toBe(200)
    expect(await patched.json()).toMatchObject({ name: 'Ada King', age: 38 })

    const deleted = await admin.fetch(`/users/${user.id}`, { method: 'DELETE', json: deletion() })
    expect(deleted.status).toBe(204)
    expect((await api.fetch(`/users/${user.id}`)).status).toBe(404)
    expect((await admin.fetch(`/users/${user.id}`, { method: 'DELETE', json: deletion() })).status).toBe(404)
  })

  it('stores only a salted PBKDF2 hash of the password and never returns it', async () => {
    const { user } = await createUser(api, { password: 'secret-password-1' })
    const row = await env.DB.prepare('SELECT password_hash FROM users WHERE id = ?')
      .bind(user.id)
      .first<{ password_hash: string }>()
    expect(row!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/)
    expect(row!.password_hash).not.toContain('secret-password-1')
    expect(await verifyPassword('secret-password-1', row!.password_hash)).toBe(true)

    // Only POST /auth/password, given the current password, changes it.
    const patch = await admin.fetch(`/users/${user.id}`, { method: 'PATCH', json: { password: 'secret-password-2' } })
    expect(patch.status).toBe(400)
    const after = await env.DB.prepare('SELECT password_hash FROM users WHERE id = ?')
      .bind(user.id)
      .first<{ password_hash: string }>()
    expect(await verifyPassword('secret-password-1', after!.password_hash)).toBe(true)

    for (const res of [await api.fetch(`/users/${user.id}`), await api.fetch('/users?per_page=100')]) {
      const text = await res.text()
      expect(text).not.toMatch(/password/i)
      expect(text).not.toContain('pbkdf2')
    }
  })

  it('refuses fields a client may not write, such as role and passwordHash, naming each, and stores nothing', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM users').first<{ n: number }>()
    const res = await api.fetch('/users', {
      method: 'POST',
      json: { ...valid, email: 'mallory@example.com', role: 'admin', passwordHash: 'x', id: 999 },
    })
    expect(res.status).toBe(400)
    const problem = (await res.json()) as { errors: { in: string; name: string; message: string }[] }
    // valibot's strict objects stop at the first unknown key.
    expect(problem.errors.map((e) => `${e.in} ${e.name}: ${e.message}`)).toEqual(['body role: is not a known field'])
    const after = await env.DB.prepare('SELECT count(*) AS n FROM users').first<{ n: number }>()
    expect(after!.n).toBe(before!.n)
  })

  it('answers a duplicate email, in any letter case, with 409 problem+json and changes nothing', async () => {
    await createUser(api, { email: 'taken@example.com' })
    const before = await env.DB.prepare('SELECT count(*) AS n FROM users').first<{ n: number }>()
    const res = await api.fetch('/users', { method: 'POST', json: { ...valid, email: 'TAKEN@example.com' } })
    expect(res.status).toBe(409)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 409, fields: ['email'], instance: '/users' })
    const after = await env.DB.prepare('SELECT count(*) AS n FROM users').first<{ n: number }>()
    expect(after!.n).toBe(before!.n)
  })

  it('refuses an email in a PATCH (only POST /auth/email, with the password, changes it), changing nothing', async () => {
    const { user } = await createUser(api)
    const res = await admin.fetch(`/users/${user.id}`, { method: 'PATCH', json: { email: 'new@example.com' } })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ errors: [{ in: 'body', name: 'email', message: 'is not a known field' }] })
    expect(await fullUser(user.id)).toMatchObject({ email: user.email })
  })

  it('answers unknown ids with 404 on every item route', async () => {
    const id = 987654
    expect((await api.fetch(`/users/${id}`)).status).toBe(404)
    expect((await admin.fetch(`/users/${id}`, { method: 'PUT', json: replacement })).status).toBe(404)
    expect((await admin.fetch(`/users/${id}`, { method: 'PATCH', json: { age: 1 } })).status).toBe(404)
    const res = await admin.fetch(`/users/${id}`, { method: 'DELETE', json: deletion() })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ detail: `User ${id} not found` })
  })

  it('rejects a non-numeric or non-positive id with 400 naming the path parameter', async () => {
    for (const id of ['abc', '0', '-1', '1.5']) {
      const res = await api.fetch(`/users/${id}`)
      expect(res.status, id).toBe(400)
      expect(await res.json()).toMatchObject({ errors: [{ in: 'path', name: 'id' }] })
    }
  })
})

describe('user validation: each bad field gets a 400 naming it and nothing is stored', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['name', { name: 'A' }],
    ['name', { name: 'x'.repeat(51) }],
    ['name', { name: 42 }],
    ['email', { email: 'not-an-email' }],
    ['age', { age: -1 }],
    ['age', { age: 151 }],
    ['age', { age: 30.5 }],
    ['age', { age: '30' }],
    ['password', { password: 'short' }],
    ['password', { password: 'p'.repeat(129) }],
  ]
  for (const [field, patch] of cases) {
    it(`rejects ${field} = ${JSON.stringify(patch[field]).slice(0, 20)}`, async () => {
      const email = `v-${crypto.randomUUID()}@example.com`
      const res = await api.fetch('/users', { method: 'POST', json: { ...valid, email, ...patch } })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const body = (await res.json()) as { errors: { in: string; name: string }[] }
      expect(body.errors).toEqual([expect.objectContaining({ in: 'body', name: field, pointer: `/${field}` })])
      expect(await env.DB.prepare('SELECT 1 FROM users WHERE email = ?').bind(email).first()).toBeNull()
    })
  }

  it('lists every missing field at once', async () => {
    const res = await api.fetch('/users', { method: 'POST', json: {} })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { name: string; message: string }[] }
    expect(body.errors.map((e) => e.name).sort()).toEqual(['age', 'email', 'name', 'password'])
    expect(body.errors.every((e) => e.message === 'is required')).toBe(true)
  })

  it('rejects a PATCH with a bad field and leaves the user unchanged', async () => {
    const { user } = await createUser(api, { age: 40 })
    const res = await admin.fetch(`/users/${user.id}`, { method: 'PATCH', json: { age: 200 } })
    expect(res.status).toBe(400)
    expect((await fullUser(user.id)).age).toBe(40)
  })

  it('requires every field on PUT', async () => {
    const { user } = await createUser(api)
    const res = await admin.fetch(`/users/${user.id}`, { method: 'PUT', json: { name: 'Only Name' } })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { name: string }[] }
    expect(body.errors.map((e) => e.name).sort()).toEqual(['age'])
  })
})
