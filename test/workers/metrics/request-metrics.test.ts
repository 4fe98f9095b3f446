import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { app } from '../../../src/app/app'
import { createApp, get } from '../../../src/core'
import { requestMetrics } from '../../../src/core/metrics'
import { testClient } from '../../../src/core/testing'
import { apiClient, signUp } from '../kit'

/** The local dataset, with every data point also kept for the test (local Analytics Engine keeps nothing queryable). */
function recordingDataset() {
  const points: AnalyticsEngineDataPoint[] = []
  const dataset: AnalyticsEngineDataset = {
    writeDataPoint(point) {
      if (point) points.push(point)
      env.REQUEST_METRICS.writeDataPoint(point)
    },
  }
  return { points, env: { ...env, REQUEST_METRICS: dataset } }
}

let address = 0
const fresh = () => ({ 'cf-connecting-ip': `10.77.0.${++address}` })

describe('requestMetrics: one Analytics Engine data point per request', () => {
  it('writes the route template, method, status, duration, cache status and limiter decision', async () => {
    const recorded = recordingDataset()
    const { user } = await signUp(apiClient())
    const client = apiClient({ env: recorded.env, headers: fresh })
    for (const path of [`/users/${user.id}`, `/users/${user.id}`, '/users/999999999']) await client.fetch(path)
    expect(recorded.points.map((p) => [p.indexes, p.blobs?.slice(0, 4), p.doubles?.[0]])).toEqual([
      [['/users/:id'], ['/users/:id', 'GET', 'miss', 'allowed'], 200],
      [['/users/:id'], ['/users/:id', 'GET', 'hit', 'allowed'], 200],
      [['/users/:id'], ['/users/:id', 'GET', 'miss', 'allowed'], 404],
    ])
    for (const p of recorded.points) expect(p.doubles![1]).toBeGreaterThanOrEqual(0)
  })

  it('writes a data point for a 404 and a 405 no route served, under the route "unmatched"', async () => {
    const recorded = recordingDataset()
    const client = apiClient({ env: recorded.env, headers: fresh })
    expect((await client.fetch('/no/such/route/42')).status).toBe(404)
    expect((await client.fetch('/greet?name=a', { method: 'DELETE' })).status).toBe(405)
    expect(recorded.points.map((p) => [p.indexes, p.blobs?.slice(0, 2), p.doubles?.[0]])).toEqual([
      [['unmatched'], ['unmatched', 'GET'], 404],
      [['unmatched'], ['unmatched', 'DELETE'], 405],
    ])
  })

  it('records a request the limiter refused as limited', async () => {
    const recorded = recordingDataset()
    const ip = { 'cf-connecting-ip': '10.77.1.1' }
    // One request a minute: the second is refused. (The var's type is wrangler.toml's literal.)
    const limited = { ...recorded.env, RATE_LIMIT_DEFAULT: '1' } as unknown as Cloudflare.Env
    const client = apiClient({ env: limited, headers: ip })
    expect((await client.fetch('/greet?name=a')).status).toBe(200)
    expect((await client.fetch('/greet?name=b')).status).toBe(429)
    expect(recorded.points.map((p) => p.blobs?.[3])).toEqual(['allowed', 'limited'])
    expect(recorded.points[1]!.doubles![0]).toBe(429)
  })

  it('refuses to serve without its dataset (fails closed), and the reference Worker has the binding', async () => {
    const bare = createApp({
      plugins: [requestMetrics({ dataset: (e) => e.REQUEST_METRICS })],
      handlers: [get('/x', {}, () => ({ ok: true }))],
    })
    const { REQUEST_METRICS: _, ...without } = env
    const res = await testClient(bare, { env: without as Cloudflare.Env }).fetch('/x')
    expect(res.status).toBe(503)
    expect((await testClient(app, { env }).fetch('/greet?name=x')).status).toBe(200)
  })
})
