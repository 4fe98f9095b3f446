import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

// A mixed read/write workload over real HTTP for a fixed time, bounded in connections: no 5xx, no lost writes.
const DURATION_MS = 5_000
const CONNECTIONS = 12

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

describe('load over HTTP against wrangler dev', () => {
  let server: DevServer
  beforeAll(async () => {
    // Every request comes from one loopback address: raise the per-address default for this run only.
    server = await startDevServer({ seed: true, vars: { RATE_LIMIT_DEFAULT: '1000000' } })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('answers a mixed workload with no 5xx and loses no write', async () => {
    const created = new Map<number, string>()
    const statuses = new Map<number, number>()
    const latencies: number[] = []
    let sequence = 0
    const deadline = Date.now() + DURATION_MS
    const timed = async (path: string, init?: RequestInit) => {
      const start = performance.now()
      const res = await fetch(`${server.url}${path}`, init)
      const body = await res.text()
      latencies.push(performance.now() - start)
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      return { res, body }
    }
    const worker = async (n: number) => {
      while (Date.now() < deadline) {
        const roll = (sequence++ * 7 + n) % 10
        if (roll < 3) {
          const email = `load-${n}-${sequence}@example.com`
          const { res, body } = await timed('/users', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: `Load ${n}`, email, age: 30, password: 'load-test-password' }),
          })
          if (res.status === 201) created.set((JSON.parse(body) as { id: number }).id, email)
        } else if (roll < 8 && created.size > 0) {
          const ids = [...created.keys()]
          await timed(`/users/${ids[sequence % ids.length]}`)
        } else {
          await timed(`/users?search=load&per_page=5&page=${1 + (sequence % 3)}`)
        }
      }
    }
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, n) => worker(n)))

    const sorted = [...latencies].sort((a, b) => a - b)
    console.log(
      `load: ${latencies.length} requests in ${DURATION_MS / 1000}s over ${CONNECTIONS} connections; ` +
        `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms; ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${created.size} users created`,
    )
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([])
    expect(created.size).toBeGreaterThan(10)

    // Every 201 must be readable afterwards, with what was written.
    // Read through the admin view: the public one shows no email.
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin-password' }),
    })
    const admin = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` }
    const lost: number[] = []
    for (const [id, email] of created) {
      const res = await fetch(`${server.url}/admin/users/${id}`, { headers: admin })
      if (res.status !== 200 || ((await res.json()) as { email: string }).email !== email) lost.push(id)
    }
    expect(lost).toEqual([])
  })
})
