import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

describe('the seeded users and posts over real HTTP from wrangler dev', () => {
  let server: DevServer
  beforeAll(async () => {
    server = await startDevServer({ seed: true })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('serves the seed data at once: three users, one of them the admin, and their posts', async () => {
    const users = (await (await fetch(`${server.url}/users`)).json()) as { total: number; items: { email?: string }[] }
    expect(users.total).toBe(3)
    // The public list shows no emails or roles; the admin view does.
    expect(users.items.every((u) => u.email === undefined)).toBe(true)
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin-password' }),
    })
    const { accessToken } = (await login.json()) as { accessToken: string }
    const full = (await (
      await fetch(`${server.url}/admin/users`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as { items: { email: string; role: string }[] }
    expect(full.items.find((u) => u.email === 'admin@example.com')?.role).toBe('admin')
    const posts = (await (await fetch(`${server.url}/posts`)).json()) as { total: number }
    expect(posts.total).toBe(4)
  })

  it('answers a repeated read with 304 and a stale write with 412', async () => {
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password' }),
    })
    const { accessToken } = (await login.json()) as { accessToken: string }
    const first = await fetch(`${server.url}/users/2`)
    const etag = first.headers.get('etag')!
    await first.arrayBuffer()
    const again = await fetch(`${server.url}/users/2`, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    const write = (name: string) =>
      fetch(`${server.url}/users/2`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': etag, authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ name }),
      })
    expect((await write('Alice Renamed')).status).toBe(200)
    const stale = await write('Alice Again')
    expect(stale.status).toBe(412)
    expect(stale.headers.get('content-type')).toBe('application/problem+json')
  })
})
