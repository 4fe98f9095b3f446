import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { problem } from '../helpers'
import { api, as, file, person, png, upload } from './test-app'

type Info = { key: string; name: string; owner: number }
const uploadAs = async (owner: number, ...names: string[]) => {
  const res = await upload(
    await as(owner),
    names.map((n) => file(n, n.endsWith('.png') ? png() : n)),
  )
  expect(res.status).toBe(201)
  return ((await res.json()) as { files: Info[] }).files
}
const list = async (caller: Record<string, string>, query = '') => {
  const res = await api.fetch(`/files${query}`, { headers: caller })
  expect(res.status).toBe(200)
  return (await res.json()) as { items: Info[]; next: string | null }
}

describe('who reaches which file', () => {
  it('lists only the caller’s files, page by page', async () => {
    const mine = await uploadAs(20, 'a.txt', 'b.txt', 'c.png')
    await uploadAs(21, 'theirs.txt')
    const first = await list(await as(20), '?per_page=2')
    expect(first.items).toHaveLength(2)
    expect(first.next).toEqual(expect.any(String))
    const second = await list(await as(20), `?per_page=2&cursor=${encodeURIComponent(first.next!)}`)
    expect(second.next).toBeNull()
    const keys = [...first.items, ...second.items].map((f) => f.key).sort()
    expect(keys).toEqual(mine.map((f) => f.key).sort())
  })

  it('lists everyone’s files for an admin', async () => {
    const a = await uploadAs(22, 'x.txt')
    const b = await uploadAs(23, 'y.txt')
    const { items } = await list(await as(99, 'admin'), '?per_page=100')
    const keys = items.map((f) => f.key)
    expect(keys).toEqual(expect.arrayContaining([a[0]!.key, b[0]!.key]))
  })

  it('answers a bad cursor or per_page with a 400 naming the query parameter', async () => {
    const bad = await api.fetch('/files?cursor=not-a-cursor', { headers: await as(20) })
    expect(await problem(bad)).toMatchObject({ status: 400, errors: [{ in: 'query', name: 'cursor' }] })
    const perPage = await api.fetch('/files?per_page=0', { headers: await as(20) })
    expect(await problem(perPage)).toMatchObject({ status: 400, errors: [{ in: 'query', name: 'per_page' }] })
  })

  it('hides another user’s file (404) from download, HEAD and delete, and leaves it in place', async () => {
    const [theirs] = await uploadAs(24, 'private.txt')
    for (const method of ['GET', 'HEAD', 'DELETE']) {
      const res = await api.fetch(`/files/${theirs!.key}`, { method, headers: await as(25) })
      expect(res.status, method).toBe(404)
    }
    expect(await env.FILES.head(`files/${theirs!.key}`)).not.toBeNull()
  })

  it('lets the owner and an admin download and delete', async () => {
    const [one, two] = await uploadAs(26, 'one.txt', 'two.txt')
    expect(await (await api.fetch(`/files/${one!.key}`, { headers: await as(99, 'admin') })).text()).toBe('one.txt')
    expect((await api.fetch(`/files/${one!.key}`, { method: 'DELETE', headers: await as(26) })).status).toBe(204)
    expect((await api.fetch(`/files/${two!.key}`, { method: 'DELETE', headers: await as(99, 'admin') })).status).toBe(
      204,
    )
    expect((await api.fetch(`/files/${one!.key}`, { headers: await as(26) })).status).toBe(404)
    expect((await list(await as(26))).items).toEqual([])
    expect(await env.FILES.head(`files/${two!.key}`)).toBeNull()
  })

  it('never serves an object outside the uploads for a crafted key', async () => {
    await env.FILES.put('secret.txt', 'top secret')
    const [mine] = await uploadAs(27, 'mine.txt')
    await env.FILES.put(`files/${mine!.key}/../../secret.txt`, 'top secret')
    const crafted = [
      '..%2Fsecret.txt',
      '..%2F..%2Fsecret.txt',
      'secret.txt',
      `${mine!.key}%2F..%2F..%2Fsecret.txt`,
      `owners%2F${(await person(27)).id}%2F${mine!.key}`,
      mine!.key.toUpperCase(),
    ]
    for (const key of crafted) {
      const res = await api.fetch(`/files/${key}`, { headers: await as(27, 'admin') })
      expect(res.status, key).toBe(404)
      expect(await res.text()).not.toContain('top secret')
    }
  })

  it('requires login for every files route', async () => {
    for (const [method, path] of [
      ['GET', '/files'],
      ['GET', '/files/x.txt'],
      ['DELETE', '/files/x.txt'],
    ]) {
      const res = await api.fetch(path!, { method })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Bearer')
    }
  })
})
