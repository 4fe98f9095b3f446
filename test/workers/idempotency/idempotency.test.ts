import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../src/core/testing'
import { apiClient } from '../kit'
import { bearer, type SeededUser, seedUser } from '../seed-user'

const api = apiClient()
let alice: SeededUser
let bob: SeededUser
let restore: (() => void) | undefined

beforeAll(async () => {
  alice = await seedUser()
  bob = await seedUser()
})
afterEach(() => {
  restore?.()
  restore = undefined
})

interface PostBody {
  id: number
  title: string
  authorId: number
}
const rowsTitled = async (title: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM posts WHERE title = ?').bind(title).first<{ n: number }>())!.n
const post = (who: SeededUser, key: string | undefined, json: unknown, headers: Record<string, string> = {}) =>
  api.fetch('/posts', {
    method: 'POST',
    headers: { ...bearer(who.token), ...(key === undefined ? {} : { 'idempotency-key': key }), ...headers },
    json,
  })
const unique = (what: string) => `${what} ${crypto.randomUUID()}`

describe('Idempotency-Key on POST /posts', () => {
  it('20 concurrent requests with one key create one row: the rest are 409s or replays of it', async () => {
    const title = unique('concurrent')
    const body = { authorId: alice.id, title, content: 'once' }
    const key = crypto.randomUUID()
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(alice, key, body)))
    const statuses = responses.map((r) => r.status)
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true)
    const created = responses.filter((r) => r.status === 201)
    expect(created.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1)
    const ids = new Set(await Promise.all(created.map(async (r) => ((await r.json()) as PostBody).id)))
    expect(ids.size).toBe(1)
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.headers.get('content-type')).toBe('application/problem+json')
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    expect(await rowsTitled(title)).toBe(1)
  })

  it('a repeat after completion replays status, body, Location and ETag, marked, and creates nothing', async () => {
    const title = unique('replay')
    const key = `replay-${crypto.randomUUID()}`
    const first = await post(alice, key, { authorId: alice.id, title, content: 'x' })
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    // The same body in another key order, and the key in the IETF draft's quoted form, are the same request.
    const again = await post(alice, `"${key}"`, { content: 'x', title, authorId: alice.id })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(await first.json())
    for (const h of ['location', 'etag', 'content-type']) expect(again.headers.get(h)).toBe(first.headers.get(h))
    expect(await rowsTitled(title)).toBe(1)
  })

  it('the key reused with another body is a 422 problem, and nothing is created', async () => {
    const key = crypto.randomUUID()
    const title = unique('first')
    expect((await post(alice, key, { authorId: alice.id, title, content: 'a' })).status).toBe(201)
    const other = unique('other')
    const res = await post(alice, key, { authorId: alice.id, title: other, content: 'a' })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(((await res.json()) as { detail: string }).detail).toMatch(/Idempotency-Key/)
    expect(await rowsTitled(other)).toBe(0)
    // The same key on another route is another request too.
    const comment = await api.fetch(`/posts/1/comments`, {
      method: 'POST',
      headers: { ...bearer(alice.token), 'idempotency-key': key },
      json: { body: 'hi' },
    })
    expect(comment.status).toBe(422)
  })

  it("keys are the caller's: another user's equal key runs on its own", async () => {
    const key = `shared-${crypto.randomUUID()}`
    const a = await post(alice, key, { authorId: alice.id, title: unique('alice'), content: 'a' })
    const b = await post(bob, key, { authorId: bob.id, title: unique('bob'), content: 'b' })
    expect([a.status, b.status]).toEqual([201, 201])
    expect(b.headers.get('idempotent-replayed')).toBeNull()
    expect(((await b.json()) as PostBody).authorId).toBe(bob.id)
  })

  it('without the header a request runs as before (the reference API does not require it)', async () => {
    const title = unique('plain')
    const body = { authorId: alice.id, title, content: 'x' }
    expect((await post(alice, undefined, body)).status).toBe(201)
    expect((await post(alice, undefined, body)).status).toBe(201)
    expect(await rowsTitled(title)).toBe(2)
  })

  it.each([
    ['overlong', 'k'.repeat(256)],
    ['a space', 'two words'],
    ['a comma (two values)', 'a, b'],
    ['an empty quoted string', '""'],
    ['a lone quote', '"'],
    ['a percent-encoding', 'a%20b'],
    ['markup', '<script>'],
  ])('a key with %s is a 400 problem naming the header, and nothing is created', async (_, key) => {
    const title = unique('bad key')
    const res = await post(alice, key, { authorId: alice.id, title, content: 'x' })
    expect(res.status).toBe(400)
    const problem = (await res.json()) as { errors: { in: string; name: string }[] }
    expect(problem.errors).toEqual([expect.objectContaining({ in: 'header', name: 'idempotency-key' })])
    expect(await rowsTitled(title)).toBe(0)
  })

  it('an expired key runs again', async () => {
    const clock = fakeClock()
    restore = () => clock.restore()
    const email = `expiry-${crypto.randomUUID().slice(0, 8)}@example.test`
    const key = crypto.randomUUID()
    const signUp = (json: unknown) => api.fetch('/users', { method: 'POST', headers: { 'idempotency-key': key }, json })
    const first = await signUp({ name: 'Expiry', email, age: 30, password: 'a-long-password' })
    expect(first.status).toBe(201)
    const replay = await signUp({ name: 'Expiry', email, age: 30, password: 'a-long-password' })
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    clock.advance(86_400_000 + 1000)
    // Past 24 hours the key is free: the same sign-up runs, and the taken email decides (409), not the key.
    const later = await signUp({ name: 'Expiry', email, age: 30, password: 'a-long-password' })
    expect(later.status).toBe(409)
    expect(later.headers.get('idempotent-replayed')).toBeNull()
    const other = `expiry-${crypto.randomUUID().slice(0, 8)}@example.test`
    const fresh = await signUp({ name: 'Expiry', email: other, age: 30, password: 'a-long-password' })
    // The 409 above was stored under the key: another body is now a 422, as it should be.
    expect(fresh.status).toBe(422)
  })
})
