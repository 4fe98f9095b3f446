import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp, dependency, get, post } from '../../../src/core'
import { d1Session, type SqlDatabase } from '../../../src/core/data'
import { apiClient } from '../kit'
import { type SeededUser, seedUser } from '../seed-user'

const api = apiClient()

describe('the bookmark round-trip through the reference API (locally the replica is the primary)', () => {
  let user: SeededUser
  let postId: number
  beforeAll(async () => {
    user = await seedUser()
    const row = await env.DB.prepare("INSERT INTO posts (author_id, title, content) VALUES (?, 'p', 'c') RETURNING id")
      .bind(user.id)
      .first<{ id: number }>()
    postId = row!.id
  })

  it('issues a bookmark after a write, in the header and an HttpOnly cookie, and the next read sees the write', async () => {
    const res = await api.fetch(`/posts/${postId}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
      json: { body: 'read me back' },
    })
    expect(res.status).toBe(201)
    const bookmark = res.headers.get('x-d1-bookmark')
    expect(bookmark).toMatch(/^[0-9a-f]{8}-/)
    expect(res.headers.get('set-cookie')).toContain(`d1-bookmark=${bookmark}; Path=/`)
    expect(res.headers.get('set-cookie')).toContain('HttpOnly')
    const { id } = (await res.json()) as { id: number }
    const sends: Record<string, string>[] = [
      { 'x-d1-bookmark': bookmark! },
      { cookie: `theme=dark; d1-bookmark=${bookmark}` },
    ]
    for (const headers of sends) {
      const read = await api.fetch(`/posts/${postId}/comments/${id}`, { headers })
      expect(read.status).toBe(200)
      expect(((await read.json()) as { body: string }).body).toBe('read me back')
    }
  })

  it('issues none after a read', async () => {
    const res = await api.fetch(`/posts/${postId}/comments`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-d1-bookmark')).toBeNull()
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  for (const bad of [
    'garbage',
    '00000000-zzzz',
    `${'0'.repeat(8)}-${'f'.repeat(300)}`,
    '../../etc',
    "'; DROP TABLE posts; --",
  ]) {
    it(`ignores a malformed bookmark (${bad.slice(0, 20)}) safely`, async () => {
      const res = await api.fetch(`/posts/${postId}/comments`, {
        headers: { 'x-d1-bookmark': bad, cookie: `d1-bookmark=${encodeURIComponent(bad)}` },
      })
      expect(res.status).toBe(200)
    })
  }

  it('exposes the header to browsers through CORS', async () => {
    const res = await api.fetch(`/posts/${postId}/comments`, { headers: { origin: 'http://localhost:5173' } })
    expect(res.headers.get('access-control-expose-headers')).toContain('X-D1-Bookmark')
  })
})

/** The test env with a D1 binding that records each session's constraint and hands back a fixed bookmark. */
const recordingEnv = (asked: string[]) =>
  ({
    ...env,
    DB: {
      withSession: (constraint: string) => {
        asked.push(constraint)
        return {
          prepare: (sql: string) => env.DB.prepare(sql),
          batch: () => Promise.resolve([]),
          getBookmark: () => 'abcdef01-00000002-00000003-0123456789abcdef0123456789abcdef',
        }
      },
    },
  }) as unknown as Cloudflare.Env

describe('d1Session() plumbing, against a binding that records what it was asked', () => {
  const Db = dependency<SqlDatabase>('db')
  const session = d1Session({ key: Db, binding: (e) => e.DB })
  const app = createApp({
    plugins: [session],
    handlers: [
      get('/read', { inject: { db: Db } }, async ({ deps: { db } }) => ({
        one: (await db.prepare('SELECT 1 AS x').first()) !== null,
      })),
      post('/write', { inject: { db: Db } }, async ({ deps: { db } }) => ({
        one: (await db.prepare('SELECT 1 AS x').first()) !== null,
      })),
    ],
  })
  const asked: string[] = []
  const recording = recordingEnv(asked)
  const call = async (path: string, init: RequestInit = {}) => {
    const ctx = createExecutionContext()
    const res = await app.fetch(new Request(`https://api.test${path}`, init), recording, ctx)
    await waitOnExecutionContext(ctx)
    return res
  }
  const good = '00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683'

  it('opens reads at the client bookmark (header first, then cookie), else anywhere', async () => {
    asked.length = 0
    await call('/read', { headers: { 'x-d1-bookmark': good } })
    await call('/read', { headers: { cookie: `d1-bookmark=${good}` } })
    await call('/read')
    await call('/read', { headers: { 'x-d1-bookmark': 'not-a-bookmark' } })
    expect(asked).toEqual([good, good, 'first-unconstrained', 'first-unconstrained'])
  })

  it('opens writes on the primary, whatever bookmark they carry, and hands the new bookmark back', async () => {
    asked.length = 0
    const res = await call('/write', { method: 'POST', headers: { 'x-d1-bookmark': good } })
    expect(res.status).toBe(201)
    expect(asked).toEqual(['first-primary'])
    expect(res.headers.get('x-d1-bookmark')).toBe('abcdef01-00000002-00000003-0123456789abcdef0123456789abcdef')
  })
})

describe("d1Session({ writes: 'bookmark' }): a write's reads may use a replica, a route may keep them on the primary", () => {
  const Db = dependency<SqlDatabase>('db')
  const session = d1Session({ key: Db, binding: (e) => e.DB, writes: 'bookmark' })
  const write = (path: string, opt?: Record<string, unknown>) =>
    post(path, { inject: { db: Db }, ...(opt ? { opt } : {}) }, async ({ deps: { db } }) => ({
      one: (await db.prepare('SELECT 1 AS x').first()) !== null,
    }))
  const app = createApp({
    plugins: [session],
    handlers: [
      write('/write'),
      write('/login', { d1Writes: 'first-primary' }),
      write('/typo', { d1Writes: 'Bookmark' }),
      write('/explicit', { d1Writes: 'bookmark' }),
    ],
  })
  const asked: string[] = []
  const recording = recordingEnv(asked)
  const good = '00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683'
  const call = async (path: string, headers: Record<string, string> = {}) => {
    const ctx = createExecutionContext()
    const res = await app.fetch(new Request(`https://api.test${path}`, { method: 'POST', headers }), recording, ctx)
    await waitOnExecutionContext(ctx)
    return res
  }

  it("opens a write at the client's bookmark, else anywhere, and still hands the new bookmark back", async () => {
    asked.length = 0
    const res = await call('/write', { 'x-d1-bookmark': good })
    await call('/write')
    await call('/explicit')
    expect(asked).toEqual([good, 'first-unconstrained', 'first-unconstrained'])
    expect(res.headers.get('x-d1-bookmark')).toBe('abcdef01-00000002-00000003-0123456789abcdef0123456789abcdef')
  })

  it("keeps a route's write on the primary when its opt says so, and fails closed on any other spelling", async () => {
    asked.length = 0
    await call('/login', { 'x-d1-bookmark': good })
    await call('/typo', { 'x-d1-bookmark': good })
    expect(asked).toEqual(['first-primary', 'first-primary'])
  })
})
