import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { api } from '../../../src/app/api'
import { createApp } from '../../../src/core'
import { testClient } from '../../../src/core/testing'
import { atProductionLimits } from '../helpers'
import { apiClient } from '../kit'

describe('the reference API’s default rate limit', () => {
  it('reports the default policy on every route; the test config raises its limit so suites are not throttled', async () => {
    const res = await apiClient().fetch('/greet?name=Ann', { headers: { 'cf-connecting-ip': '192.0.2.1' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('ratelimit-policy')).toBe('"default";q=1000000;w=60')
    expect(res.headers.get('ratelimit')).toBe('"default";r=999999;t=60')
  })

  it('admits 100 requests per minute per client address, as the tutorial sets it, and refuses the 101st', async () => {
    // The same route tree with the limiter as production configures it: no RATE_LIMIT_DEFAULT override.
    const app = createApp(atProductionLimits(api))
    const from = (ip: string) => ({ headers: { 'cf-connecting-ip': ip } })
    const statuses: number[] = []
    for (let i = 0; i < 100; i++)
      statuses.push((await testClient(app, { env }).fetch('/hello/Ann', from('192.0.2.2'))).status)
    expect(statuses.every((s) => s === 200)).toBe(true)
    const refused = await testClient(app, { env }).fetch('/greet?name=Ann', from('192.0.2.2'))
    expect(refused.status).toBe(429)
    expect(refused.headers.get('ratelimit-policy')).toBe('"default";q=100;w=60')
    expect((await testClient(app, { env }).fetch('/hello/Ann', from('192.0.2.3'))).status).toBe(200)
  })
})
