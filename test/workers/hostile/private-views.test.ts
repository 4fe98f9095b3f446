import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { UserAdminRead } from '../../../src/app/admin/users'
import { generateApiKey } from '../../../src/app/api-keys/key-secret'
import { app } from '../../../src/app/app'
import { authenticated, hasRole, userAuth } from '../../../src/app/auth/guards'
import { ownerOrAdmin } from '../../../src/app/auth/owner-or-admin'
import { IdParams } from '../../../src/app/common/fields'
import { UserPublic, UserRead } from '../../../src/app/users/dtos'
import { User } from '../../../src/app/users/model'
import { createApp, get, router, validation } from '../../../src/core'
import { dto, include, pageOf, partial } from '../../../src/core/data'
import { apiClient } from '../kit'
import { bearer, seedUser } from '../seed-user'

// Finding (high): GET /export gave any logged-in user every user's email, role and age.
const none = () => new Response(null)
const build =
  (...handlers: Parameters<typeof router>[0]['handlers']) =>
  () =>
    createApp({ plugins: [validation(), userAuth], handlers: [...handlers] })

describe('createApp refuses a personal field on a route no guard restricts', () => {
  it('names the route and the field: the full view under a guard that only asks for a login', () => {
    const leak = router({ guards: [authenticated], handlers: [get('/everyone', { response: UserRead }, none)] })
    expect(build(leak)).toThrow(/Route GET \/everyone would send the personal field "email"/)
  })

  it('finds the field through pages, arrays, NDJSON variants and partial views', () => {
    const shapes = [
      pageOf('LeakPage', UserAdminRead),
      v.array(UserRead),
      v.variant('kind', [v.object({ kind: v.literal('user'), item: UserRead })]),
      dto('LeakPartial', partial(include(User.public, ['id', 'age']))),
      v.object({ nested: v.optional(v.nullable(v.object({ deep: v.array(UserRead) }))) }),
    ]
    for (const response of shapes) expect(build(get('/shape', { response }, none))).toThrow(/personal field/)
  })

  it('allows it under a guard that restricts to the subject or to a role, and the public view anywhere', () => {
    const owner = ownerOrAdmin('user', IdParams, () => 1)
    expect(
      build(router({ guards: [hasRole('admin')], handlers: [get('/a', { response: UserRead }, none)] })),
    ).not.toThrow()
    expect(
      build(router({ guards: [owner], handlers: [get('/b/:id', { params: IdParams, response: UserRead }, none)] })),
    ).not.toThrow()
    expect(build(get('/c', { response: v.array(UserPublic) }, none))).not.toThrow()
  })

  it('takes a reviewed exposesPrivate only for the fields it names, and only with a reason', () => {
    const all = ['email', 'age', 'role']
    const ok = get('/me', { response: UserRead, exposesPrivate: { fields: all, reason: 'the caller only' } }, none)
    expect(build(ok)).not.toThrow()
    const short = get('/me', { response: UserRead, exposesPrivate: { fields: ['email'], reason: 'x' } }, none)
    expect(build(short)).toThrow(/personal field "age"/)
    const silent = get('/me', { response: UserRead, exposesPrivate: { fields: all, reason: ' ' } }, none)
    expect(build(silent)).toThrow(/exposesPrivate needs a reason/)
  })

  it('refuses a secret field (the password hash) on every route, restricted or not', () => {
    const withHash = dto('WithHash', include(User.fields, ['id', 'passwordHash']))
    const admin = router({ guards: [hasRole('admin')], handlers: [get('/h', { response: withHash }, none)] })
    expect(build(admin)).toThrow(/secret field "passwordHash"/)
  })

  it('lists the reference API’s reviewed exceptions: each is in docs/security.md', () => {
    const exceptions = app.routes
      .filter((r) => r.spec.exposesPrivate)
      .map((r) => `${r.method} ${r.path}: ${r.spec.exposesPrivate!.fields.join(', ')}`)
    expect(exceptions.sort()).toEqual(['GET /auth/me: email, age, role', 'POST /users: email, age, role'])
  })
})

describe('the exports send public views', () => {
  const api = apiClient()

  it('neither GET /export nor GET /integrations/export carries an email, a role or an age', async () => {
    const reader = await seedUser()
    const admin = await seedUser('admin')
    const { id, key, secretHash } = await generateApiKey()
    await env.DB.prepare('INSERT INTO api_keys (id, name, secret_hash, scopes, created_by) VALUES (?, ?, ?, ?, ?)')
      .bind(id, 'exporter', secretHash, 'export', admin.id)
      .run()
    for (const res of [
      await api.fetch('/export', { headers: bearer(reader.token) }),
      await api.fetch('/integrations/export', { headers: { 'x-api-key': key } }),
    ]) {
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).not.toContain(admin.email)
      const users = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; item?: Record<string, unknown> })
        .filter((l) => l.kind === 'user')
      expect(users.map((u) => u.item!.id)).toContain(admin.id)
      for (const u of users) expect(Object.keys(u.item!).sort()).toEqual(['createdAt', 'id', 'name'])
    }
  })
})
