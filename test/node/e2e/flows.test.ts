import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from '../dev-server'
import { type ApiClient, apiClient } from './client'

// The reference API's main flows against `wrangler dev`, walked only through the client typed from
// schema/openapi.json: if the document lied about a path, a parameter or a body, either `npm run typecheck`
// or these assertions break. One server for the whole file; each test seeds what it needs.
describe('end to end through the typed client against wrangler dev', () => {
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

  it('serves exactly the committed document the client was typed from', async () => {
    const served = await (await fetch(`${server.url}/openapi.json`)).json()
    expect(served).toEqual(JSON.parse(readFileSync('schema/openapi.json', 'utf8')))
  })

  it('reports every binding healthy', async () => {
    const { data, error, response } = await anonymous.GET('/health')
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(data?.status).toBe('ok')
    expect(Object.values(data?.checks ?? {}).every((check) => check.ok)).toBe(true)
  })

  it('greets by query and by path', async () => {
    const byQuery = await anonymous.GET('/greet', { params: { query: { name: 'Ada' } } })
    expect(byQuery.data?.message).toBe('Hello, Ada!')
    const byPath = await anonymous.GET('/hello/{name}', { params: { path: { name: 'Jürgen' } } })
    expect(byPath.data?.message).toBe('Hello, Jürgen!')
  })

  it('answers an invalid call with the documented validation problem', async () => {
    // @ts-expect-error the document makes `name` required, so the typed client refuses to omit it
    const { error, response } = await anonymous.GET('/greet', { params: { query: {} } })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    // The error type is the union of the documented problems; only the 400 lists `errors`.
    expect(error && 'errors' in error ? error.errors : error).toEqual([
      { in: 'query', name: 'name', pointer: '/name', message: 'is required' },
    ])
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
    const email = `grace-${suffix}@example.com`
    const author = (await anonymous.POST('/users', { body: { ...person, name: 'Grace Hopper', email } })).data!
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
