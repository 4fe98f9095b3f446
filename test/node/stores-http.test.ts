import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

// The default policy lowered to 5 per minute so the refusal is reachable over real HTTP.
describe('caching and rate limits over HTTP against wrangler dev', () => {
  let server: DevServer
  beforeAll(async () => {
    server = await startDevServer({ seed: true, vars: { RATE_LIMIT_DEFAULT: '5' } })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('serves GET /users from KV on the second read and refuses the request past the limit', async () => {
    const get = () => fetch(`${server.url}/users?per_page=5`)
    const first = await get()
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-status')).toBe('edgestar; fwd=uri-miss; stored')
    expect(first.headers.get('ratelimit-policy')).toBe('"default";q=5;w=60')
    // startDevServer's readiness probes of /health count too, so read what is left rather than assume it.
    const left = Number(/^"default";r=(\d+);t=(59|60)$/.exec(first.headers.get('ratelimit') ?? '')?.[1])
    expect(left).toBeGreaterThanOrEqual(1)
    await first.arrayBuffer()
    // The entry is written after the response; give it a moment before reading again.
    await new Promise((r) => setTimeout(r, 300))
    const second = await get()
    expect(second.headers.get('cache-status')).toMatch(/^edgestar; hit; ttl=\d+$/)
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    await second.arrayBuffer()
    expect(second.headers.get('ratelimit')).toMatch(new RegExp(`^"default";r=${left - 1};t=\\d+$`))
    for (let i = 0; i < left - 1; i++) expect((await get()).status).toBe(200)
    const refused = await get()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toBe('application/problem+json')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({ status: 429, policies: ['default'] })
  })
})
