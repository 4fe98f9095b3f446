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

  // Tokens by email: logging in once per account keeps the suite under the login policy it also tests.
  const tokens = new Map<string, string>()
  const logIn = async (email: string, password: string) => {
    const known = tokens.get(email)
    if (known) return known
    const { data, error, response } = await anonymous.POST('/auth/login', { body: { email, password } })
    if (!data) throw new Error(`login as ${email} failed with ${response.status}: ${JSON.stringify(error)}`)
    expect(data.tokenType).toBe('Bearer')
    tokens.set(email, data.accessToken)
    return data.accessToken
  }

  beforeAll(async () => {
    // The login policy's real limit (5 per 15 minutes per address and email), not the dev server's raise.
    server = await startDevServer({ seed: true, vars: { RATE_LIMIT_LOGIN: '5' } })
    anonymous = apiClient(server.url)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('serves exactly the committed document the client was typed from', async () => {
    const res = await fetch(`${server.url}/openapi.json`)
    // The documents are static assets, but run_worker_first sends their paths to the Worker, which adds its headers.
    expect(res.headers.get('x-request-id')).toBeTruthy()
    expect(await res.json()).toEqual(JSON.parse(readFileSync('schema/openapi.json', 'utf8')))
  })

  it('serves the 3.2 twin and the YAML form the build wrote, through the Worker with its headers', async () => {
    for (const [path, type, file] of [
      ['/openapi-3.2.json', 'application/json', 'schema/openapi-3.2.json'],
      ['/openapi.yaml', 'application/yaml; charset=utf-8', 'schema/openapi.yaml'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toBe(type)
      expect(res.headers.get('x-request-id'), path).toBeTruthy()
      const text = await res.text()
      const committed = readFileSync(file, 'utf8')
      expect(path.endsWith('.json') ? JSON.parse(text) : text, path).toEqual(
        path.endsWith('.json') ? JSON.parse(committed) : committed,
      )
    }
  })

  it('answers other spellings of the document paths with the path itself or a 404, never another host', async () => {
    // Percent-encoded and doubled-slash spellings are redirected by the static assets layer to the path on this
    // origin (a relative Location); a spelling that names a host is not a path of ours.
    for (const [path, to] of [
      ['/openapi%2Eyaml', '/openapi.yaml'],
      ['/openapi%2D3.2.json', '/openapi-3.2.json'],
      ['//openapi.json', '/openapi.json'],
      ['//evil.example/%2e%2e/docs', '/docs'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, { redirect: 'manual' })
      expect(res.status, path).toBe(307)
      expect(res.headers.get('location'), path).toBe(to)
    }
    for (const path of ['/OPENAPI.YAML', '/openapi.json%00', '//evil.example/openapi.json']) {
      const res = await fetch(`${server.url}${path}`, { redirect: 'manual' })
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type'), path).toBe('application/problem+json')
    }
  })

  it('serves the AsyncAPI document from the assets with the serving host as its servers', async () => {
    const res = await fetch(`${server.url}/asyncapi.json`)
    expect(res.headers.get('x-request-id')).toBeTruthy()
    const served = (await res.json()) as { servers: Record<string, { host: string }> }
    for (const s of Object.values(served.servers)) expect(s.host).toBe(new URL(server.url).host)
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

  it('logs in and shows who the token belongs to, never the hash', async () => {
    const email = `lin-${suffix}@example.com`
    const created = (await anonymous.POST('/users', { body: { ...person, name: 'Lin', email } })).data!
    const me = await apiClient(server.url, await logIn(email, person.password)).GET('/auth/me')
    expect(me.response.status).toBe(200)
    expect(me.data).toMatchObject({ id: created.id, email, role: 'user' })
    expect(JSON.stringify(me.data)).not.toMatch(/pbkdf2|password/i)
    const wrong = await anonymous.POST('/auth/login', { body: { email, password: 'not the password' } })
    expect(wrong.response.status).toBe(401)
  })

  it('creates a post as a logged-in user and finds it in the list and under its author', async () => {
    const email = `grace-${suffix}@example.com`
    const author = (await anonymous.POST('/users', { body: { ...person, name: 'Grace Hopper', email } })).data!
    const api = apiClient(server.url, await logIn(email, person.password))
    const title = `Typed all the way ${suffix}`
    const body = { authorId: author.id, title, content: 'Written through openapi-fetch.' }
    expect((await anonymous.POST('/posts', { body })).response.status).toBe(401)
    const created = await api.POST('/posts', { body })
    expect(created.response.status).toBe(201)
    expect(created.data).toMatchObject({ authorId: author.id, title })

    const list = await anonymous.GET('/posts', { params: { query: { per_page: 100 } } })
    expect(list.data?.items.map((p) => p.title)).toContain(title)
    const theirs = await anonymous.GET('/users/{id}/posts', { params: { path: { id: author.id } } })
    expect(theirs.data?.items.map((p) => p.id)).toEqual([created.data?.id])
  })

  it('comments on a post, reads its own write by bookmark, and pages the comments by cursor', async () => {
    const email = `edsger-${suffix}@example.com`
    const author = (await anonymous.POST('/users', { body: { ...person, name: 'Edsger', email } })).data!
    const api = apiClient(server.url, await logIn(email, person.password))
    const post = (await api.POST('/posts', { body: { authorId: author.id, title: 'On comments', content: 'x' } })).data!
    const path = { postId: post.id }
    const ids: number[] = []
    let bookmark = ''
    for (const text of ['first', 'second', 'third']) {
      const created = await api.POST('/posts/{postId}/comments', { params: { path }, body: { body: text } })
      expect(created.response.status).toBe(201)
      expect(created.data).toMatchObject({ postId: post.id, authorId: author.id, body: text })
      ids.push(created.data!.id)
      bookmark = created.response.headers.get('x-d1-bookmark') ?? ''
    }
    expect(bookmark).not.toBe('')
    const read = await anonymous.GET('/posts/{postId}/comments/{id}', {
      params: { path: { ...path, id: ids[2]! } },
      headers: { 'x-d1-bookmark': bookmark },
    })
    expect(read.data?.body).toBe('third')
    const first = await anonymous.GET('/posts/{postId}/comments', { params: { path, query: { per_page: 2 } } })
    expect(first.data?.items.map((c) => c.id)).toEqual(ids.slice(0, 2))
    const rest = await anonymous.GET('/posts/{postId}/comments', {
      params: { path, query: { per_page: 2, cursor: first.data!.next! } },
    })
    expect(rest.data).toEqual({ items: [expect.objectContaining({ id: ids[2] })], next: null })
    expect((await anonymous.GET('/posts/{id}', { params: { path: { id: post.id } } })).data?.commentCount).toBe(3)
    const badSort = await anonymous.GET('/posts/{postId}/comments', {
      params: { path, query: { sort: 'body' as 'id' } },
    })
    expect(badSort.response.status).toBe(400)
  })

  it('uploads a file and downloads the same bytes', async () => {
    const email = `fay-${suffix}@example.com`
    await anonymous.POST('/users', { body: { ...person, name: 'Fay', email } })
    const api = apiClient(server.url, await logIn(email, person.password))
    const text = `hello from the typed client ${suffix}\n`
    const uploaded = await api.POST('/files', {
      // Multipart bodies are built by hand; the path, the response and the errors stay typed.
      body: { file: [] },
      bodySerializer: () => {
        const form = new FormData()
        form.append('file', new Blob([text], { type: 'text/plain' }), 'hello.txt')
        return form
      },
    })
    expect(uploaded.response.status).toBe(201)
    const file = uploaded.data!.files[0]!
    expect(file).toMatchObject({ name: 'hello.txt', size: new TextEncoder().encode(text).byteLength })

    const downloaded = await api.GET('/files/{key}', { params: { path: { key: file.key } }, parseAs: 'text' })
    expect(downloaded.response.status).toBe(200)
    expect(downloaded.data).toBe(text)
    const listed = await api.GET('/files')
    expect(listed.data?.items.map((f) => f.key)).toContain(file.key)
  })

  it('limits login attempts per address and email, answering 429 with Retry-After', async () => {
    const email = `guess-${suffix}@example.com`
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const { response } = await anonymous.POST('/auth/login', { body: { email, password: `wrong-${i}` } })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    const limited = await anonymous.POST('/auth/login', { body: { email, password: 'wrong' } })
    expect(limited.response.status).toBe(429)
    expect(limited.response.headers.get('content-type')).toBe('application/problem+json')
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('reads admin stats with an admin token and a stats API key, and refuses without either', async () => {
    const admin = apiClient(server.url, await logIn('admin@example.com', 'admin-password'))
    const key = await admin.POST('/admin/api-keys', { body: { name: `e2e ${suffix}`, scopes: ['stats'] } })
    expect(key.response.status).toBe(201)
    const stats = await admin.GET('/admin/stats', { headers: { 'x-api-key': key.data!.key } })
    expect(stats.response.status).toBe(200)
    expect(stats.data!.admins).toBeGreaterThanOrEqual(1)
    expect(stats.data!.users).toBeGreaterThanOrEqual(3) // the seeded accounts at least
    expect(stats.data!.activeApiKeys).toBeGreaterThanOrEqual(1)

    expect((await admin.GET('/admin/stats')).response.status).toBe(401)
    const email = `ben-${suffix}@example.com`
    await anonymous.POST('/users', { body: { ...person, name: 'Ben', email } })
    const asUser = apiClient(server.url, await logIn(email, person.password))
    expect((await asUser.GET('/admin/stats', { headers: { 'x-api-key': key.data!.key } })).response.status).toBe(403)
  })
})
