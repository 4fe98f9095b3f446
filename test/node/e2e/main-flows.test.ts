import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from '../dev-server'
import { type ApiClient, apiClient } from './client'

// The reference API's main flows, walked only through the client typed from schema/openapi.json.
describe('main flows end to end through the typed client', () => {
  let server: DevServer
  let anonymous: ApiClient
  const suffix = Date.now().toString(36)
  const person = {
    name: 'Ada Lovelace',
    email: `ada-${suffix}@example.com`,
    age: 36,
    password: 'correct horse battery',
  }

  beforeAll(async () => {
    server = await startDevServer({ seed: true })
    anonymous = apiClient(server.url)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('signs a user up and never shows the password or its hash', async () => {
    const created = await anonymous.POST('/users', { body: person })
    expect(created.response.status).toBe(201)
    expect(created.data).toMatchObject({ name: person.name, email: person.email, role: 'user' })
    expect(created.data).not.toHaveProperty('password')
    expect(created.data).not.toHaveProperty('passwordHash')
    const again = await anonymous.POST('/users', { body: person })
    expect(again.response.status).toBe(409)
  })

  it('creates a post and finds it in the list and under its author', async () => {
    const author = (await anonymous.GET('/users', { params: { query: { search: person.email } } })).data!.items[0]!
    const title = `Typed all the way ${suffix}`
    const created = await anonymous.POST('/posts', {
      body: { authorId: author.id, title, content: 'Written through openapi-fetch.' },
    })
    expect(created.response.status).toBe(201)
    expect(created.data).toMatchObject({ authorId: author.id, title })

    const list = await anonymous.GET('/posts', { params: { query: { per_page: 100 } } })
    expect(list.data?.items.map((p) => p.title)).toContain(title)
    const theirs = await anonymous.GET('/users/{id}/posts', { params: { path: { id: author.id } } })
    expect(theirs.data?.items.map((p) => p.id)).toEqual([created.data?.id])
  })
})
