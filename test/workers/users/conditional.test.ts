import { describe, expect, it } from 'vitest'
import { apiClient, createUser, deletion, type UserBody } from '../kit'

const api = apiClient()
const admin = await api.as({ role: 'admin' })

describe('conditional requests on /users/:id', () => {
  it('gives item reads a strong ETag and answers a matching If-None-Match with 304', async () => {
    const { user, etag } = await createUser(api)
    expect(etag).toMatch(/^"[^"]+"$/)
    const read = await api.fetch(`/users/${user.id}`)
    expect(read.headers.get('etag')).toBe(etag)
    const cached = await api.fetch(`/users/${user.id}`, { headers: { 'if-none-match': etag } })
    expect(cached.status).toBe(304)
    expect(cached.headers.get('etag')).toBe(etag)
    expect(await cached.text()).toBe('')
    const listed = await api.fetch(`/users/${user.id}`, { headers: { 'if-none-match': `"nope", W/${etag}` } })
    expect(listed.status).toBe(304)
  })

  it('serves the full body again once the user changed', async () => {
    const { user, etag } = await createUser(api)
    const patched = await admin.fetch(`/users/${user.id}`, { method: 'PATCH', json: { name: 'Changed Name' } })
    const next = patched.headers.get('etag')
    expect(next).not.toBe(etag)
    const res = await api.fetch(`/users/${user.id}`, { headers: { 'if-none-match': etag } })
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBe(next)
    expect(((await res.json()) as UserBody).name).toBe('Changed Name')
  })

  it('applies a write whose If-Match is current and returns the new ETag', async () => {
    const { user, etag } = await createUser(api)
    const res = await admin.fetch(`/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'if-match': etag },
      json: { age: 50 },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).not.toBe(etag)
  })

  it('refuses a stale If-Match with 412 and keeps the other client’s change', async () => {
    const { user, etag } = await createUser(api, { name: 'Original' })
    const first = await admin.fetch(`/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'if-match': etag },
      json: { name: 'Alice wins' },
    })
    expect(first.status).toBe(200)
    const second = await admin.fetch(`/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'if-match': etag },
      json: { name: 'Bob loses' },
    })
    expect(second.status).toBe(412)
    expect(second.headers.get('content-type')).toBe('application/problem+json')
    const replace = await admin.fetch(`/users/${user.id}`, {
      method: 'PUT',
      headers: { 'if-match': etag },
      json: { name: 'Bob loses', age: 1 },
    })
    expect(replace.status).toBe(412)
    expect(((await (await api.fetch(`/users/${user.id}`)).json()) as UserBody).name).toBe('Alice wins')
  })

  it('refuses a DELETE with a stale If-Match and deletes with the current one', async () => {
    const { user, etag } = await createUser(api)
    const changed = await admin.fetch(`/users/${user.id}`, { method: 'PATCH', json: { age: 31 } })
    const current = changed.headers.get('etag')!
    const remove = (tag: string) =>
      admin.fetch(`/users/${user.id}`, { method: 'DELETE', headers: { 'if-match': tag }, json: deletion() })
    expect((await remove(etag)).status).toBe(412)
    expect((await api.fetch(`/users/${user.id}`)).status).toBe(200)
    expect((await remove(current)).status).toBe(204)
  })

  it('never matches a weak or malformed tag in If-Match, and matches any version with *', async () => {
    const { user, etag } = await createUser(api)
    for (const tag of [`W/${etag}`, 'garbage', '"not-a-version"']) {
      const res = await admin.fetch(`/users/${user.id}`, {
        method: 'PATCH',
        headers: { 'if-match': tag },
        json: { age: 2 },
      })
      expect(res.status, tag).toBe(412)
    }
    const star = await admin.fetch(`/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'if-match': '*' },
      json: { age: 3 },
    })
    expect(star.status).toBe(200)
  })

  it('lets exactly one of two racing writers with the same If-Match win', async () => {
    const { user, etag } = await createUser(api)
    const write = (name: string) =>
      admin.fetch(`/users/${user.id}`, { method: 'PATCH', headers: { 'if-match': etag }, json: { name } })
    const statuses = (await Promise.all(Array.from({ length: 10 }, (_, i) => write(`Writer ${i}`)))).map(
      (r) => r.status,
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 412)).toHaveLength(9)
  })
})
