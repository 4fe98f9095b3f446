import { describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'
import document32 from '../../../schema/openapi-3.2.json'
import { api, info } from '../../../src/app/api'
import { createApp } from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'
import { apiClient } from '../kit'

const anyone = apiClient()

describe('reference routes through the app the Worker serves', () => {
  it('greets by query', async () => {
    const res = await anyone.fetch('/greet?name=Bob')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ message: 'Hello, Bob!' })
  })

  it('answers a missing name with a problem naming the query parameter', async () => {
    const res = await anyone.fetch('/greet')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      status: 400,
      instance: '/greet',
      detail: 'query parameter "name" is required',
      errors: [{ in: 'query', name: 'name', pointer: '/name', message: 'is required' }],
    })
  })

  it('greets by path, decoding the parameter', async () => {
    const res = await anyone.fetch('/hello/J%C3%BCrgen')
    expect(await res.json()).toEqual({ message: 'Hello, Jürgen!' })
  })

  it('serves the committed document at / and /openapi.json', async () => {
    for (const path of ['/', '/openapi.json']) {
      const res = await anyone.fetch(path)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual(document)
    }
  })

  it('serves the committed OpenAPI 3.2 twin at /openapi-3.2.json: streams carry itemSchema, not a body schema', async () => {
    const res = await anyone.fetch('/openapi-3.2.json')
    expect(res.status).toBe(200)
    const served = (await res.json()) as typeof document32
    expect(served).toEqual(document32)
    const live = served.paths['/posts/live'].get.responses['200'].content['text/event-stream'] as Record<
      string,
      unknown
    >
    expect(Object.keys(live).sort()).toEqual(['example', 'itemSchema'])
  })

  it('keeps the committed document in step with the code (run `npm run schema` when this fails)', () => {
    expect(generateDocument(createApp(api), info)).toEqual(document)
  })

  it('reports every binding as healthy', async () => {
    const res = await anyone.fetch('/health')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> }
    expect(body.status).toBe('ok')
    expect(Object.keys(body.checks).sort()).toEqual(['cache', 'db', 'files', 'rateLimiter'])
    for (const check of Object.values(body.checks)) expect(check.ok).toBe(true)
  })
})
