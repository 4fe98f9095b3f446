import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { apiClient, createUser, deletion } from '../kit'

const api = apiClient()
const admin = await api.as({ role: 'admin' })

const status = (res: Response) => res.headers.get('cache-status') ?? ''

/** Reads a path twice, the second time after the first's cache write has landed; returns the second read. */
async function warm(path: string): Promise<Response> {
  expect(status(await api.fetch(path))).toMatch(/fwd=(uri-miss|stale); stored/)
  for (let i = 0; i < 20; i++) {
    const res = await api.fetch(path)
    if (status(res).includes('hit')) return res
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${path} was never served from the cache`)
}

describe('cached user reads', () => {
  it('serves a user read from the cache after the first miss, with the row version as its ETag', async () => {
    const { user, etag } = await createUser(api)
    const hit = await warm(`/users/${user.id}`)
    expect(hit.headers.get('etag')).toBe(etag)
    expect(await hit.json()).toEqual({ id: user.id, name: user.name, createdAt: user.createdAt })
    const notModified = await api.fetch(`/users/${user.id}`, { headers: { 'if-none-match': etag! } })
    expect(notModified.status).toBe(304)
    expect(status(notModified)).toMatch(/hit/)
  })

  it('purges the user and the lists when the user changes, so the next read shows the change', async () => {
    const { user, etag } = await createUser(api, { name: 'Before' })
    await warm(`/users/${user.id}`)
    await warm('/users?per_page=100')
    const changed = await admin.fetch(`/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'if-match': etag! },
      json: { name: 'After' },
    })
    expect(changed.status).toBe(200)
    const read = await api.fetch(`/users/${user.id}`)
    expect(status(read)).toMatch(/fwd=stale/)
    expect(((await read.json()) as { name: string }).name).toBe('After')
    expect(read.headers.get('etag')).toBe(changed.headers.get('etag'))
    const list = await api.fetch('/users?per_page=100')
    expect(status(list)).toMatch(/fwd=stale/)
    expect(((await list.json()) as { items: { id: number; name: string }[] }).items).toContainEqual(
      expect.objectContaining({ id: user.id, name: 'After' }),
    )
  })

  it('purges the lists when a user is created, and the user when it is deleted', async () => {
    await warm('/users?per_page=99')
    const { user } = await createUser(api)
    const list = await api.fetch('/users?per_page=99')
    expect(status(list)).toMatch(/fwd=stale/)
    expect(((await list.json()) as { items: { id: number }[] }).items.map((u) => u.id)).toContain(user.id)
    await warm(`/users/${user.id}`)
    expect((await admin.fetch(`/users/${user.id}`, { method: 'DELETE', json: deletion() })).status).toBe(204)
    expect((await api.fetch(`/users/${user.id}`)).status).toBe(404)
  })

  it('does not answer a request with credentials from the shared entry', async () => {
    const { user } = await createUser(api, { name: 'Shared' })
    await warm(`/users/${user.id}`)
    // Change the row behind the cache's back: only a request that bypasses the cache can see it.
    await env.DB.prepare('UPDATE users SET name = ? WHERE id = ?').bind('Direct', user.id).run()
    const authed = await api.fetch(`/users/${user.id}`, { headers: { 'x-api-key': 'not-checked-on-public-reads' } })
    expect(status(authed)).toBe('edgestar; fwd=bypass; detail=credentials')
    expect(((await authed.json()) as { name: string }).name).toBe('Direct')
    expect(status(await api.fetch(`/users/${user.id}`))).toMatch(/hit/)
  })
})
