import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

describe('the API over real HTTP from wrangler dev', () => {
  let server: DevServer
  beforeAll(async () => {
    server = await startDevServer()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('serves the OpenAPI document at /', async () => {
    const res = await fetch(`${server.url}/`)
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/greet']).toBeDefined()
  })

  it('greets, and answers a missing name with problem+json 400', async () => {
    const ok = await fetch(`${server.url}/greet?name=Bob`)
    expect(await ok.json()).toEqual({ message: 'Hello, Bob!' })
    const bad = await fetch(`${server.url}/greet`)
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toBe('application/problem+json')
    expect(await bad.json()).toMatchObject({ errors: [{ in: 'query', name: 'name' }] })
  })
})
