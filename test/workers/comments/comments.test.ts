import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from '../kit'
import { type SeededUser, seedUser } from '../seed-user'

const api = apiClient()
const admin = await api.as({ role: 'admin' })

interface CommentBody {
  id: number
  postId: number
  authorId: number
  body: string
  createdAt: string
}
interface Page {
  items: CommentBody[]
  next: string | null
}

let alice: SeededUser
let bob: SeededUser
let postA: number
let postB: number
const auth = (u: SeededUser) => ({ authorization: `Bearer ${u.token}` })

const newPost = async (authorId: number, title: string) => {
  const row = await env.DB.prepare('INSERT INTO posts (author_id, title, content) VALUES (?, ?, ?) RETURNING id')
    .bind(authorId, title, 'text')
    .first<{ id: number }>()
  return row!.id
}
const comment = async (postId: number, user: SeededUser, body: string) => {
  const res = await api.fetch(`/posts/${postId}/comments`, { method: 'POST', headers: auth(user), json: { body } })
  expect(res.status).toBe(201)
  return (await res.json()) as CommentBody
}
const countOf = async (postId: number) =>
  ((await (await api.fetch(`/posts/${postId}`)).json()) as { commentCount: number }).commentCount

beforeAll(async () => {
  alice = await seedUser()
  bob = await seedUser()
  postA = await newPost(alice.id, 'A')
  postB = await newPost(bob.id, 'B')
})

describe('comments under a post', () => {
  it('creates as the logged-in user, counts on the post, and reads back', async () => {
    const before = await countOf(postA)
    const res = await api.fetch(`/posts/${postA}/comments`, {
      method: 'POST',
      headers: auth(bob),
      json: { body: 'Hi' },
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as CommentBody
    expect(created).toMatchObject({ postId: postA, authorId: bob.id, body: 'Hi' })
    expect(res.headers.get('location')).toBe(`/posts/${postA}/comments/${created.id}`)
    expect(await countOf(postA)).toBe(before + 1)
    expect(await (await api.fetch(`/posts/${postA}/comments/${created.id}`)).json()).toEqual(created)
  })

  it('needs a login to comment, and a post that exists', async () => {
    expect((await api.fetch(`/posts/${postA}/comments`, { method: 'POST', json: { body: 'x' } })).status).toBe(401)
    const missing = await api.fetch('/posts/999999/comments', {
      method: 'POST',
      headers: auth(bob),
      json: { body: 'x' },
    })
    expect(missing.status).toBe(404)
    expect((await api.fetch('/posts/999999/comments')).status).toBe(404)
  })

  it("never reads, edits or deletes another post's comment through this post's path", async () => {
    const onB = await comment(postB, bob, 'on B')
    expect((await api.fetch(`/posts/${postA}/comments/${onB.id}`)).status).toBe(404)
    // Even an admin (who passes the guard) cannot reach it: the scope is in the SQL.
    const patched = await admin.fetch(`/posts/${postA}/comments/${onB.id}`, {
      method: 'PATCH',
      json: { body: 'hijacked' },
    })
    expect(patched.status).toBe(404)
    expect((await admin.fetch(`/posts/${postA}/comments/${onB.id}`, { method: 'DELETE' })).status).toBe(404)
    const row = await env.DB.prepare('SELECT body, post_id FROM comments WHERE id = ?').bind(onB.id).first()
    expect(row).toEqual({ body: 'on B', post_id: postB })
  })

  it('lets the author or an admin edit and delete, and no one else', async () => {
    const mine = await comment(postA, alice, 'mine')
    const other = await api.fetch(`/posts/${postA}/comments/${mine.id}`, {
      method: 'PATCH',
      headers: auth(bob),
      json: { body: 'no' },
    })
    expect(other.status).toBe(403)
    const edited = await api.fetch(`/posts/${postA}/comments/${mine.id}`, {
      method: 'PATCH',
      headers: auth(alice),
      json: { body: 'edited' },
    })
    expect(edited.status).toBe(200)
    expect(((await edited.json()) as CommentBody).body).toBe('edited')
    const before = await countOf(postA)
    expect(
      (await api.fetch(`/posts/${postA}/comments/${mine.id}`, { method: 'DELETE', headers: auth(bob) })).status,
    ).toBe(403)
    expect((await admin.fetch(`/posts/${postA}/comments/${mine.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await countOf(postA)).toBe(before - 1)
  })

  it('refuses an unknown field and an empty body with 400 naming it', async () => {
    const res = await api.fetch(`/posts/${postA}/comments`, {
      method: 'POST',
      headers: auth(bob),
      json: { body: '', postId: 3 },
    })
    expect(res.status).toBe(400)
    const names = ((await res.json()) as { errors: { name: string }[] }).errors.map((e) => e.name).sort()
    expect(names).toEqual(['body', 'postId'])
  })
})

describe('comment list: filters, sorts and cursor pages', () => {
  let post: number
  const page = async (query: string) => {
    const res = await api.fetch(`/posts/${post}/comments${query}`)
    expect(res.status).toBe(200)
    return (await res.json()) as Page
  }
  beforeAll(async () => {
    post = await newPost(alice.id, 'busy')
    const insert = env.DB.prepare('INSERT INTO comments (post_id, author_id, body, created_at) VALUES (?, ?, ?, ?)')
    // Several comments share a timestamp, so the tie-breaker decides their order.
    await env.DB.batch(
      Array.from({ length: 25 }, (_, i) =>
        insert.bind(
          post,
          i % 2 ? bob.id : alice.id,
          `comment ${i}`,
          `2026-01-01T00:00:${String(Math.floor(i / 3)).padStart(2, '0')}.000Z`,
        ),
      ),
    )
  })

  it('walks every comment exactly once, in order, following next', async () => {
    const seen: CommentBody[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const p = await page(`?per_page=7${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...p.items)
      cursor = p.next
    }
    expect(seen.map((c) => c.body)).toEqual(Array.from({ length: 25 }, (_, i) => `comment ${i}`))
  })

  it('is stable under inserts: a row added before the position does not shift the next page', async () => {
    const first = await page('?per_page=5&sort=-id')
    const second = await page(`?per_page=5&sort=-id&cursor=${first.next}`)
    await comment(post, bob, 'newest') // lands on page one of -id, before the cursor
    const again = await page(`?per_page=5&sort=-id&cursor=${first.next}`)
    expect(again.items.map((c) => c.id)).toEqual(second.items.map((c) => c.id))
  })

  it('filters by author (eq and in), time range and search', async () => {
    const byBob = await page(`?per_page=100&authorId=${bob.id}`)
    expect(byBob.items.every((c) => c.authorId === bob.id)).toBe(true)
    const both = await page(`?per_page=100&authorId[in]=${bob.id}&authorId[in]=${alice.id}`)
    expect(both.items.length).toBeGreaterThan(byBob.items.length)
    const range = await page(
      '?per_page=100&createdAt[gte]=2026-01-01T00:00:02.000Z&createdAt[lte]=2026-01-01T00:00:03.000Z',
    )
    expect(range.items.map((c) => c.body)).toEqual([
      'comment 6',
      'comment 7',
      'comment 8',
      'comment 9',
      'comment 10',
      'comment 11',
    ])
    expect((await page('?search=MENT%2012')).items.map((c) => c.body)).toEqual(['comment 12'])
  })

  for (const [query, field] of [
    ['?sort=body', 'sort'],
    ['?sort=-email', 'sort'],
    ['?cursor=abc', 'cursor'],
    ['?cursor=eyJ4Ijo.AAAA', 'cursor'],
    // A MAC segment that is no base64url at all (five characters): not a cursor, never a 500.
    ['?cursor=eyJ4Ijo.AAAAA', 'cursor'],
    ['?authorId[in]=x', 'authorId[in]'],
    ['?createdAt[gte]=yesterday', 'createdAt[gte]'],
  ] as const) {
    it(`refuses ${query} with 400 naming ${field}`, async () => {
      const res = await api.fetch(`/posts/${post}/comments${query}`)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { errors: { name: string }[] }).errors[0]!.name).toBe(field)
    })
  }

  it('refuses a tampered cursor and one made for another sort, naming cursor', async () => {
    const { next } = await page('?per_page=2')
    const [payload, mac] = next!.split('.')
    // The position moved to an earlier time: a valid payload with the old MAC.
    const moved = atob(payload!.replaceAll('-', '+').replaceAll('_', '/')).replace('2026', '2025')
    expect(moved).toContain('2025')
    const forged = `${btoa(moved).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}.${mac}`
    const flipped = `${payload}.${mac!.startsWith('A') ? 'B' : 'A'}${mac!.slice(1)}`
    for (const bad of [forged, flipped]) {
      const res = await api.fetch(`/posts/${post}/comments?per_page=2&cursor=${bad}`)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { errors: { name: string }[] }).errors[0]!.name).toBe('cursor')
    }
    const other = await api.fetch(`/posts/${post}/comments?per_page=2&sort=-id&cursor=${next}`)
    expect(other.status).toBe(400)
    expect(((await other.json()) as { errors: { name: string }[] }).errors[0]!.name).toBe('cursor')
  })
})
