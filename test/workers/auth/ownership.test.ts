import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { problem } from '../helpers'
import { apiClient } from '../kit'
import { bearer, type SeededUser, seedUser } from '../seed-user'

const api = apiClient()

const as = (who: SeededUser | undefined) => (who ? { headers: bearer(who.token) } : {})
const userRow = (id: number) => env.DB.prepare('SELECT name FROM users WHERE id = ?').bind(id).first<{ name: string }>()
const postRow = (id: number) =>
  env.DB.prepare('SELECT title FROM posts WHERE id = ?').bind(id).first<{ title: string }>()

describe('only the owner or an admin may change or delete a user', () => {
  let owner: SeededUser
  let other: SeededUser
  let admin: SeededUser
  beforeAll(async () => {
    ;[owner, other, admin] = await Promise.all([seedUser(), seedUser(), seedUser('admin')])
  })

  it('refuses anonymous (401) and another user (403), changing nothing', async () => {
    const before = await userRow(owner.id)
    const anon = await api.fetch(`/users/${owner.id}`, {
      method: 'PATCH',
      json: { name: 'Hijacked' },
      ...as(undefined),
    })
    expect(anon.status).toBe(401)
    const stranger = await api.fetch(`/users/${owner.id}`, {
      method: 'PATCH',
      json: { name: 'Hijacked' },
      ...as(other),
    })
    expect(stranger.status).toBe(403)
    expect(await problem(stranger)).toMatchObject({ detail: "Only the user's owner or an admin may do this" })
    const del = await api.fetch(`/users/${owner.id}`, { method: 'DELETE', ...as(other) })
    expect(del.status).toBe(403)
    expect(await userRow(owner.id)).toEqual(before)
  })

  it('lets the owner and an admin change the user', async () => {
    const self = await api.fetch(`/users/${owner.id}`, {
      method: 'PATCH',
      json: { name: 'Owner Renamed' },
      ...as(owner),
    })
    expect(self.status).toBe(200)
    const byAdmin = await api.fetch(`/users/${owner.id}`, {
      method: 'PATCH',
      json: { name: 'Admin Renamed' },
      ...as(admin),
    })
    expect(byAdmin.status).toBe(200)
    expect(await userRow(owner.id)).toEqual({ name: 'Admin Renamed' })
  })

  it('lets the owner delete themself, and an admin delete anyone', async () => {
    const [a, b] = await Promise.all([seedUser(), seedUser()])
    const deleting = (who: SeededUser) => ({ method: 'DELETE', ...as(who), json: { currentPassword: who.password } })
    expect((await api.fetch(`/users/${a.id}`, deleting(a!))).status).toBe(204)
    expect((await api.fetch(`/users/${b.id}`, deleting(admin))).status).toBe(204)
    expect(await userRow(a.id)).toBeNull()
    expect(await userRow(b.id)).toBeNull()
  })

  it('keeps sign-up and reads public', async () => {
    expect((await api.fetch(`/users/${owner.id}`, {})).status).toBe(200)
    const signUp = await api.fetch('/users', {
      method: 'POST',
      json: {
        name: 'New Person',
        email: `new-${crypto.randomUUID()}@example.test`,
        age: 20,
        password: 'long-enough-pw',
      },
    })
    expect(signUp.status).toBe(201)
  })
})

describe('writing posts needs a login; only the author or an admin may change or delete one', () => {
  let author: SeededUser
  let other: SeededUser
  let admin: SeededUser
  let postId: number
  beforeAll(async () => {
    ;[author, other, admin] = await Promise.all([seedUser(), seedUser(), seedUser('admin')])
  })

  it('refuses an anonymous post (401) and posting as someone else (403)', async () => {
    const body = { authorId: author.id, title: 'Mine', content: 'Hello' }
    expect((await api.fetch('/posts', { method: 'POST', json: body })).status).toBe(401)
    const impostor = await api.fetch('/posts', { method: 'POST', json: body, ...as(other) })
    expect(impostor.status).toBe(403)
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM posts WHERE author_id = ?').bind(author.id).first()
    expect(count).toEqual({ n: 0 })
  })

  it('lets a user post as themself, and an admin post for anyone', async () => {
    const own = await api.fetch('/posts', {
      method: 'POST',
      json: { authorId: author.id, title: 'Mine', content: 'Hi' },
      ...as(author),
    })
    expect(own.status).toBe(201)
    postId = ((await own.json()) as { id: number }).id
    const forThem = await api.fetch('/posts', {
      method: 'POST',
      json: { authorId: author.id, title: 'By admin', content: 'Hi' },
      ...as(admin),
    })
    expect(forThem.status).toBe(201)
  })

  it('refuses changes and deletion by another user, changing nothing', async () => {
    const patch = await api.fetch(`/posts/${postId}`, { method: 'PATCH', json: { title: 'Defaced' }, ...as(other) })
    expect(patch.status).toBe(403)
    const put = await api.fetch(`/posts/${postId}`, {
      method: 'PUT',
      json: { title: 'Defaced', content: 'x' },
      ...as(other),
    })
    expect(put.status).toBe(403)
    expect((await api.fetch(`/posts/${postId}`, { method: 'DELETE', ...as(other) })).status).toBe(403)
    expect((await api.fetch(`/posts/${postId}`, { method: 'DELETE' })).status).toBe(401)
    expect(await postRow(postId)).toEqual({ title: 'Mine' })
  })

  it('lets the author and an admin change it, and an admin delete it', async () => {
    expect(
      (await api.fetch(`/posts/${postId}`, { method: 'PATCH', json: { title: 'Edited' }, ...as(author) })).status,
    ).toBe(200)
    expect(
      (await api.fetch(`/posts/${postId}`, { method: 'PATCH', json: { title: 'Moderated' }, ...as(admin) })).status,
    ).toBe(200)
    expect(await postRow(postId)).toEqual({ title: 'Moderated' })
    expect((await api.fetch(`/posts/${postId}`, { method: 'DELETE', ...as(admin) })).status).toBe(204)
    expect(await postRow(postId)).toBeNull()
  })

  it('answers 404, not 403, for a post that does not exist', async () => {
    expect((await api.fetch('/posts/987654', { method: 'PATCH', json: { title: 'x' }, ...as(other) })).status).toBe(404)
  })

  it('lets only the user or an admin post under /users/:id/posts', async () => {
    const body = { title: 'Nested', content: 'Hi' }
    expect((await api.fetch(`/users/${author.id}/posts`, { method: 'POST', json: body, ...as(other) })).status).toBe(
      403,
    )
    expect((await api.fetch(`/users/${author.id}/posts`, { method: 'POST', json: body, ...as(author) })).status).toBe(
      201,
    )
    expect((await api.fetch(`/users/${author.id}/posts`, { method: 'POST', json: body, ...as(admin) })).status).toBe(
      201,
    )
  })
})
