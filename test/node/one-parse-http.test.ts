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

  it("refuses changing or deleting another user's comment through an encoded post or comment id", async () => {
    const bobLogin = await call('/auth/login', json('POST', { email: 'bob@example.com', password: 'bob-password' }))
    const bob = { authorization: `Bearer ${((await bobLogin.json()) as { accessToken: string }).accessToken}` }
    const posts = (await (await call('/posts?per_page=1')).json()) as { items: { id: number }[] }
    const postId = posts.items[0]!.id
    const made = await call(`/posts/${postId}/comments`, json('POST', { body: "Bob's comment" }, bob))
    expect(made.status).toBe(201)
    const comment = (await made.json()) as { id: number; body: string }
    const spell = (n: number) => [[...String(n)].map((digit) => `%3${digit}`).join(''), `0${n}`, `${n}.0`, `%2B${n}`]
    for (const p of [String(postId), ...spell(postId)])
      for (const c of [String(comment.id), ...spell(comment.id)]) {
        if (p === String(postId) && c === String(comment.id)) continue
        const path = `/posts/${p}/comments/${c}`
        const patch = await call(path, json('PATCH', { body: 'Defaced' }, alice))
        expect([400, 403], `PATCH ${path}`).toContain(patch.status)
        const del = await call(path, { method: 'DELETE', headers: alice })
        expect([400, 403], `DELETE ${path}`).toContain(del.status)
      }
    // The plain spelling is refused for the same reason: Alice is not the author.
    const plain = await call(`/posts/${postId}/comments/${comment.id}`, json('PATCH', { body: 'Defaced' }, alice))
    expect(plain.status).toBe(403)
    const after = (await (await call(`/posts/${postId}/comments/${comment.id}`)).json()) as { body: string }
    expect(after.body).toBe("Bob's comment")
  })
})
