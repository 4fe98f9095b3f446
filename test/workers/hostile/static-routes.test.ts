import { describe, expect, it } from 'vitest'
import { problem } from '../helpers'
import { apiClient } from '../kit'

// Finding (low): `DELETE /posts/live` was routed to `/posts/{id}` (400), and `OPTIONS /posts/live` listed the
// `{id}` route's methods. A static segment owns its method set.
const api = apiClient()
const admin = await api.as({ role: 'admin' })

describe('a static path never falls through to a parameter route', () => {
  for (const method of ['DELETE', 'PATCH', 'PUT', 'POST'])
    it(`${method} /posts/live: 405 with the static route's Allow`, async () => {
      const res = await admin.fetch('/posts/live', { method, json: {} })
      expect(res.status).toBe(405)
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
      expect(await problem(res)).toMatchObject({ status: 405, detail: `${method} is not allowed on /posts/live` })
    })

  it('OPTIONS /posts/live lists only the static route’s methods; OPTIONS /posts/7 the item’s', async () => {
    const live = await api.fetch('/posts/live', { method: 'OPTIONS' })
    expect(live.status).toBe(204)
    expect(live.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    const item = await api.fetch('/posts/7', { method: 'OPTIONS' })
    expect(item.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH, PUT, OPTIONS')
  })

  it('leaves other spellings of the segment to the parameter route, which validates them', async () => {
    const res = await admin.fetch('/posts/Live', { method: 'DELETE' })
    expect(res.status).toBe(400)
    expect(await problem(res)).toMatchObject({ errors: [{ in: 'path', name: 'id' }] })
  })
})
