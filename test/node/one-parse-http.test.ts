import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

// The attack that made every stage read the request once: another user's id, spelled so that a guard reading
// the raw segment and a handler reading the decoded one disagree. Over real HTTP, against the seeded users.
describe('ownership holds for every spelling of an id, over real HTTP from wrangler dev', () => {
  let server: DevServer
  let alice: Record<string, string>
  const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init)
  const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  const adminRow = async () => (await call('/users/1')).json()

  beforeAll(async () => {
    server = await startDevServer({ seed: true })
    const login = await call('/auth/login', json('POST', { email: 'alice@example.com', password: 'alice-password' }))
    const { accessToken } = (await login.json()) as { accessToken: string }
    alice = { authorization: `Bearer ${accessToken}` }
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('refuses changing, deleting or posting as the admin through %31, 01, 1.0, +1 and 1e0, changing nothing', async () => {
    const before = await adminRow()
    for (const id of ['%31', '%2531', '01', '1.0', '%2B1', '1e0', '%31%2E0']) {
      const patch = await call(`/users/${id}`, json('PATCH', { name: 'Owned' }, alice))
      expect([400, 403], `PATCH /users/${id}`).toContain(patch.status)
      expect(patch.headers.get('content-type')).toBe('application/problem+json')
      const del = await call(`/users/${id}`, { method: 'DELETE', headers: alice })
      expect([400, 403], `DELETE /users/${id}`).toContain(del.status)
      const write = await call(`/users/${id}/posts`, json('POST', { title: 'As admin', content: 'x' }, alice))
      expect([400, 403], `POST /users/${id}/posts`).toContain(write.status)
    }
    expect(await adminRow()).toEqual(before)
  })

  it("refuses changing another author's post through an encoded id", async () => {
    const posts = (await (await call('/posts?per_page=100')).json()) as {
      items: { id: number; authorId: number; title: string }[]
    }
    const theirs = posts.items.find((p) => p.authorId !== 2)!
    const encoded = [...String(theirs.id)].map((digit) => `%3${digit}`).join('')
    for (const id of [encoded, `0${theirs.id}`, `${theirs.id}.0`]) {
      const res = await call(`/posts/${id}`, json('PATCH', { title: 'Defaced' }, alice))
      expect([400, 403], `PATCH /posts/${id}`).toContain(res.status)
    }
    const after = (await (await call(`/posts/${theirs.id}`)).json()) as { title: string }
    expect(after.title).toBe(theirs.title)
  })
})
