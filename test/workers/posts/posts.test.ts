import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { apiClient, createUser, deletion } from '../kit'

const api = apiClient()
const admin = await api.as({ role: 'admin' })

interface PostBody {
  id: number
  authorId: number
  title: string
  content: string
  createdAt: string
  updatedAt: string
}
interface Page {
  items: PostBody[]
  total: number
  page: number
  per_page: number
}

describe('posts over D1', () => {
  it('creates, reads, replaces, patches and deletes a post', async () => {
    const { user } = await createUser(api)
    const created = await admin.fetch('/posts', {
      method: 'POST',
      json: { authorId: user.id, title: 'Hello', content: 'World' },
    })
    expect(created.status).toBe(201)
    const post = (await created.json()) as PostBody
    expect(post).toMatchObject({ authorId: user.id, title: 'Hello', content: 'World' })
    expect(Object.keys(post).sort()).toEqual([
      'authorId',
      'commentCount',
      'content',
      'createdAt',
      'id',
      'title',
      'updatedAt',
    ])
    expect(created.headers.get('location')).toBe(`/posts/${post.id}`)

    const read = await api.fetch(`/posts/${post.id}`)
    expect(await read.json()).toEqual(post)
    const etag = read.headers.get('etag')!
    expect((await api.fetch(`/posts/${post.id}`, { headers: { 'if-none-match': etag } })).status).toBe(304)

    const replaced = await admin.fetch(`/posts/${post.id}`, { method: 'PUT', json: { title: 'New', content: 'Text' } })
    expect(await replaced.json()).toMatchObject({ id: post.id, authorId: user.id, title: 'New', content: 'Text' })
    const patched = await admin.fetch(`/posts/${post.id}`, { method: 'PATCH', json: { title: 'Newer' } })
    const after = (await patched.json()) as PostBody
    expect(after).toMatchObject({ title: 'Newer', content: 'Text' })
    expect(after.updatedAt >= post.updatedAt).toBe(true)

    const stale = await admin.fetch(`/posts/${post.id}`, {
      method: 'PATCH',
      headers: { 'if-match': etag },
      json: { title: 'x' },
    })
    expect(stale.status).toBe(412)

    expect((await admin.fetch(`/posts/${post.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await api.fetch(`/posts/${post.id}`)).status).toBe(404)
  })

  it('rejects a post whose author does not exist with 422 naming authorId, storing nothing', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM posts').first<{ n: number }>()
    const res = await admin.fetch('/posts', {
      method: 'POST',
      json: { authorId: 424242, title: 'Orphan', content: 'No author' },
    })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 422, fields: ['authorId'] })
    const after = await env.DB.prepare('SELECT count(*) AS n FROM posts').first<{ n: number }>()
    expect(after!.n).toBe(before!.n)
  })

  it('validates title and content, naming each field', async () => {
    const { user } = await createUser(api)
    const res = await admin.fetch('/posts', {
      method: 'POST',
      json: { authorId: user.id, title: '', content: 'x'.repeat(20_001) },
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { name: string }[] }
    expect(body.errors.map((e) => e.name).sort()).toEqual(['content', 'title'])
  })

  it('lists and searches posts, newest first, with % literal', async () => {
    const { user } = await createUser(api)
    for (const title of ['Alpha 50% off', 'Beta', 'Gamma']) {
      await admin.fetch('/posts', { method: 'POST', json: { authorId: user.id, title, content: `About ${title}` } })
    }
    const all = (await (await api.fetch('/posts?per_page=100')).json()) as Page
    const ids = all.items.map((p) => p.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    const found = (await (await api.fetch(`/posts?search=${encodeURIComponent('50%')}`)).json()) as Page
    expect(found.items.map((p) => p.title)).toEqual(['Alpha 50% off'])
    expect((await api.fetch('/posts?per_page=101')).status).toBe(400)
  })
})

describe('/users/:id/posts', () => {
  it("creates a post by the user in the path and lists only that user's posts", async () => {
    const { user: alice } = await createUser(api)
    const { user: bob } = await createUser(api)
    const created = await admin.fetch(`/users/${alice.id}/posts`, {
      method: 'POST',
      json: { title: 'Mine', content: 'By Alice' },
    })
    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({ authorId: alice.id, title: 'Mine' })
    await admin.fetch(`/users/${bob.id}/posts`, { method: 'POST', json: { title: 'Bob', content: 'By Bob' } })
    const page = (await (await api.fetch(`/users/${alice.id}/posts`)).json()) as Page
    expect(page.total).toBe(1)
    expect(page.items.map((p) => p.authorId)).toEqual([alice.id])
  })

  it('answers 404 for a user that does not exist, on list and create', async () => {
    expect((await api.fetch('/users/777777/posts')).status).toBe(404)
    const res = await admin.fetch('/users/777777/posts', { method: 'POST', json: { title: 'T', content: 'C' } })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ detail: 'User 777777 not found' })
  })

  it("deletes a user's posts with the user (ON DELETE CASCADE) and leaves others' posts", async () => {
    const { user: gone } = await createUser(api)
    const { user: stays } = await createUser(api)
    for (const u of [gone, gone, stays])
      await admin.fetch(`/users/${u.id}/posts`, { method: 'POST', json: { title: 'T', content: 'C' } })
    expect((await admin.fetch(`/users/${gone.id}`, { method: 'DELETE', json: deletion() })).status).toBe(204)
    const left = await env.DB.prepare('SELECT author_id FROM posts WHERE author_id IN (?, ?)')
      .bind(gone.id, stays.id)
      .all<{ author_id: number }>()
    expect(left.results.map((r) => r.author_id)).toEqual([stays.id])
  })
})
