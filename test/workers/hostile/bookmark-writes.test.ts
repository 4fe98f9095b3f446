import { describe, expect, it } from 'vitest'
import { apiClient, signUp } from '../kit'

const api = apiClient()
const FORGED = [
  'ffffffff-ffffffff-ffffffff-ffffffffffffffffffffffffffffffff',
  '00000000-00000000-00000000-00000000000000000000000000000000',
  'not-a-bookmark',
  `${'0'.repeat(8)}-${'f'.repeat(300)}`,
]

// Writes read at the client's bookmark (d1Session writes: 'bookmark'): a bookmark is only a lower bound on how new
// the reads are, so no spelling of it can let another user's token, or a revoked one, write.
describe('writes at a bookmark the caller chooses', () => {
  it("refuses Bob's PATCH of Alice's post whatever bookmark he sends, hers included, and changes nothing", async () => {
    const alice = await signUp(api)
    const bob = await signUp(api)
    const created = await alice.client.fetch('/posts', {
      method: 'POST',
      json: { authorId: alice.user.id, title: 'Alice', content: 'mine' },
    })
    const { id } = (await created.json()) as { id: number }
    const hers = created.headers.get('x-d1-bookmark')!
    for (const bookmark of [...FORGED, hers]) {
      const spellings: Record<string, string>[] = [
        { 'x-d1-bookmark': bookmark },
        { cookie: `d1-bookmark=${encodeURIComponent(bookmark)}` },
      ]
      for (const headers of spellings) {
        const res = await bob.client.fetch(`/posts/${id}`, { method: 'PATCH', headers, json: { title: 'Bob' } })
        expect([bookmark.slice(0, 12), res.status]).toEqual([bookmark.slice(0, 12), 403])
      }
    }
    const read = await api.fetch(`/posts/${id}`)
    expect(((await read.json()) as { title: string }).title).toBe('Alice')
  })

  it('refuses a revoked token on a write even with the bookmark of the revocation', async () => {
    const alice = await signUp(api)
    const created = await alice.client.fetch('/posts', {
      method: 'POST',
      json: { authorId: alice.user.id, title: 'Alice', content: 'mine' },
    })
    const { id } = (await created.json()) as { id: number }
    const ended = await alice.client.fetch('/auth/logout-all', { method: 'POST' })
    expect(ended.status).toBe(204)
    for (const bookmark of [...FORGED, ended.headers.get('x-d1-bookmark') ?? FORGED[0]!]) {
      const res = await alice.client.fetch(`/posts/${id}`, {
        method: 'PATCH',
        headers: { 'x-d1-bookmark': bookmark },
        json: { title: 'after logout' },
      })
      expect(res.status).toBe(401)
    }
  })
})
