import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from '../dev-server'
import { type ApiClient, apiClient } from './client'

// Every call goes through the client typed from schema/openapi.json: if the document lied about a path,
// a parameter or a body, either `npm run typecheck` or these assertions break.
describe('end to end through the typed client against wrangler dev', () => {
  let server: DevServer
  let api: ApiClient
  beforeAll(async () => {
    server = await startDevServer({ seed: true })
    api = apiClient(server.url)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('serves exactly the committed document the client was typed from', async () => {
    const served = await (await fetch(`${server.url}/openapi.json`)).json()
    expect(served).toEqual(JSON.parse(readFileSync('schema/openapi.json', 'utf8')))
  })

  it('reports every binding healthy', async () => {
    const { data, error, response } = await api.GET('/health')
    expect(error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(data?.status).toBe('ok')
    expect(data?.checks.db.ok && data.checks.cache.ok && data.checks.files.ok && data.checks.rateLimiter.ok).toBe(true)
  })

  it('greets by query and by path', async () => {
    const byQuery = await api.GET('/greet', { params: { query: { name: 'Ada' } } })
    expect(byQuery.data?.message).toBe('Hello, Ada!')
    const byPath = await api.GET('/hello/{name}', { params: { path: { name: 'Jürgen' } } })
    expect(byPath.data?.message).toBe('Hello, Jürgen!')
  })

  it('answers an invalid call with the documented validation problem', async () => {
    // @ts-expect-error the document makes `name` required, so the typed client refuses to omit it
    const { error, response } = await api.GET('/greet', { params: { query: {} } })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    // The error type is the union of the documented problems (400 | 500); only the 400 lists `errors`.
    expect(error && 'errors' in error ? error.errors : error).toEqual([
      { in: 'query', name: 'name', pointer: '/name', message: 'is required' },
    ])
  })
})
