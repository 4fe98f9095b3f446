import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api } from '../../../src/app/api'
import { createApp } from '../../../src/core'

type Health = { status: string; checks: Record<string, { ok: boolean; latencyMs: number; error?: string }> }
const app = createApp(api)
const health = async (bindings: Cloudflare.Env) => {
  const ctx = createExecutionContext()
  const res = await app.fetch(
    new Request('https://api.test/health', { headers: { 'cf-ray': 'ray-health' } }),
    bindings,
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return res
}
afterEach(() => vi.restoreAllMocks())

describe('/health', () => {
  it('reports every binding with its latency when all answer', async () => {
    const res = await health(env)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Health
    expect(body.status).toBe('ok')
    for (const check of Object.values(body.checks)) expect(check).toEqual({ ok: true, latencyMs: expect.any(Number) })
  })

  it('answers 503 naming the binding that is down, keeps the others green, and logs the cause', async () => {
    const errors: string[] = []
    vi.spyOn(console, 'error').mockImplementation((l: string) => errors.push(l))
    // D1 rejects this way when its database cannot be reached; the secret-looking detail must stay in the log.
    const unreachable = {
      prepare: () => ({ first: () => Promise.reject(new Error('D1_ERROR: database 7f3a-secret-id unreachable')) }),
    } as unknown as D1Database
    const res = await health({ ...env, DB: unreachable })
    expect(res.status).toBe(503)
    const body = (await res.json()) as Health
    expect(body.status).toBe('degraded')
    expect(body.checks.db).toMatchObject({ ok: false, error: 'db is unavailable' })
    expect(body.checks.cache?.ok && body.checks.files?.ok && body.checks.rateLimiter?.ok).toBe(true)
    expect(JSON.stringify(body)).not.toContain('7f3a-secret-id')
    expect(errors.map((e) => JSON.parse(e))).toContainEqual(
      expect.objectContaining({ check: 'db', requestId: 'ray-health', error: expect.stringContaining('unreachable') }),
    )
  })

  it('reports the rate limiter as down when its binding cannot reach a Durable Object', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    // A misconfigured deploy: a real binding of the wrong kind where the rate limiter's namespace should be.
    const res = await health({ ...env, RATE_LIMITER: env.CACHE as unknown as Cloudflare.Env['RATE_LIMITER'] })
    expect(res.status).toBe(503)
    expect(((await res.json()) as Health).checks.rateLimiter?.ok).toBe(false)
  })
})
