import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { apiClient, deletion } from '../kit'

const api = apiClient()
const admin = await api.as({ role: 'admin' })

const createPost = async (authorId: number, i: number) =>
  admin.fetch('/posts', { method: 'POST', json: { authorId, title: `Parallel ${i}`, content: 'racing' } })

describe('concurrency: racing writers neither duplicate nor lose anything', () => {
  it('lets exactly one of 20 parallel deletes of a user win; the rest get 404 problems', async () => {
    const created = await api.fetch('/users', {
      method: 'POST',
      json: { name: 'Doomed', email: 'doomed@race.test', age: 40, password: 'parallel-password' },
    })
    const { id } = (await created.json()) as { id: number }
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => admin.fetch(`/users/${id}`, { method: 'DELETE', json: deletion() })),
    )
    const statuses = responses.map((r) => r.status).sort()
    expect(statuses).toEqual([204, ...Array(19).fill(404)])
    for (const r of responses.filter((r) => r.status === 404))
      expect(r.headers.get('content-type')).toBe('application/problem+json')
    expect(await env.DB.prepare('SELECT count(*) AS n FROM users WHERE id = ?').bind(id).first('n')).toBe(0)
  })

  it('lets exactly one of 20 parallel updates with the same If-Match win; the rest get 412', async () => {
    const created = await api.fetch('/users', {
      method: 'POST',
      json: { name: 'Contested', email: 'contested@race.test', age: 40, password: 'parallel-password' },
    })
    const { id } = (await created.json()) as { id: number }
    const etag = created.headers.get('etag')!
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.fetch(`/users/${id}`, { method: 'PATCH', headers: { 'if-match': etag }, json: { age: 41 + i } }),
      ),
    )
    const statuses = responses.map((r) => r.status).sort()
    expect(statuses).toEqual([200, ...Array(19).fill(412)])
    const winner = (await responses.find((r) => r.status === 200)!.json()) as { age: number }
    expect(await env.DB.prepare('SELECT age FROM users WHERE id = ?').bind(id).first('age')).toBe(winner.age)
  })

  it('gives 30 parallel posts 30 distinct ids, all stored', async () => {
    const author = await api.fetch('/users', {
      method: 'POST',
      json: { name: 'Prolific', email: 'prolific@race.test', age: 30, password: 'parallel-password' },
    })
    const { id: authorId } = (await author.json()) as { id: number }
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => createPost(authorId, i)))
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201))
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: number }).id))
    expect(new Set(ids).size).toBe(30)
    expect(await env.DB.prepare('SELECT count(*) AS n FROM posts WHERE author_id = ?').bind(authorId).first('n')).toBe(
      30,
    )
  })
})
