import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, get, router } from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'
import { type RateLimitOptions, rateLimit } from '../../../src/core/rate-limit'
import { FLUSH_MS } from '../../../src/core/rate-limit/rate-limiter-object'
import { testClient } from '../../../src/core/testing'
import { problem } from '../helpers'

const limiter = (extra: Partial<RateLimitOptions> = {}) =>
  rateLimit({
    binding: (e) => e.RATE_LIMITER,
    identify: { user: ({ request }) => request.headers.get('x-test-user') },
    ...extra,
  })
const from = (ip: string, user?: string) => ({
  headers: { 'cf-connecting-ip': ip, ...(user ? { 'x-test-user': user } : {}) },
})
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('rate limiting in a Durable Object', () => {
  it('admits exactly the limit out of 200 concurrent requests', async () => {
    const app = createApp({
      handlers: [get('/burst', { rateLimit: [{ name: 'burst', limit: 50, window: 60, key: 'ip' }] }, () => 'ok')],
      plugins: [limiter()],
    })
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => testClient(app, { env }).fetch('/burst', from('198.51.100.1'))),
    )
    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(50)
    expect(statuses.filter((s) => s === 429)).toHaveLength(150)
  })

  it('answers 429 as problem+json with Retry-After, and exact RateLimit headers on every response', async () => {
    const app = createApp({
      handlers: [get('/h', { rateLimit: [{ name: 'hdr', limit: 2, window: 60, key: 'ip' }] }, () => 'ok')],
      plugins: [limiter()],
    })
    const first = await testClient(app, { env }).fetch('/h', from('198.51.100.2'))
    expect(first.headers.get('ratelimit-policy')).toBe('"hdr";q=2;w=60')
    expect(first.headers.get('ratelimit')).toBe('"hdr";r=1;t=60')
    const second = await testClient(app, { env }).fetch('/h', from('198.51.100.2'))
    expect(second.headers.get('ratelimit')).toMatch(/^"hdr";r=0;t=(59|60)$/)
    const third = await testClient(app, { env }).fetch('/h', from('198.51.100.2'))
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toMatch(/^(59|60)$/)
    expect(third.headers.get('ratelimit-policy')).toBe('"hdr";q=2;w=60')
    expect(third.headers.get('ratelimit')).toMatch(/^"hdr";r=0;t=(59|60)$/)
    expect(await problem(third)).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
      instance: '/h',
      policies: ['hdr'],
      detail: expect.stringMatching(/^Rate limit "hdr" exceeded: at most 2 requests per 60 s; retry in (59|60) s$/),
    })
  })

  it('admits again once the window has rolled over', async () => {
    const app = createApp({
      handlers: [get('/roll', { rateLimit: [{ name: 'roll', limit: 2, window: 1, key: 'ip' }] }, () => 'ok')],
      plugins: [limiter()],
    })
    const ip = from('198.51.100.3')
    expect((await testClient(app, { env }).fetch('/roll', ip)).status).toBe(200)
    expect((await testClient(app, { env }).fetch('/roll', ip)).status).toBe(200)
    expect((await testClient(app, { env }).fetch('/roll', ip)).status).toBe(429)
    await sleep(1100)
    const after = await testClient(app, { env }).fetch('/roll', ip)
    expect(after.status).toBe(200)
    expect(after.headers.get('ratelimit')).toBe('"roll";r=1;t=1')
  })

  it('applies a layer policy and a route policy together: all must pass, and both are reported', async () => {
    const app = createApp({
      rateLimit: [{ name: 'outer', limit: 5, window: 60, key: 'ip' }],
      handlers: [
        router({
          handlers: [
            get('/tight', { rateLimit: [{ name: 'inner', limit: 2, window: 60, key: 'ip' }] }, () => 'ok'),
            get('/loose', () => 'ok'),
          ],
        }),
      ],
      plugins: [limiter()],
    })
    const ip = from('198.51.100.4')
    const tight = [
      await testClient(app, { env }).fetch('/tight', ip),
      await testClient(app, { env }).fetch('/tight', ip),
      await testClient(app, { env }).fetch('/tight', ip),
    ]
    expect(tight.map((r) => r.status)).toEqual([200, 200, 429])
    expect(tight[0]!.headers.get('ratelimit-policy')).toBe('"outer";q=5;w=60, "inner";q=2;w=60')
    expect(tight[0]!.headers.get('ratelimit')).toBe('"outer";r=4;t=60, "inner";r=1;t=60')
    expect(await problem(tight[2]!)).toMatchObject({ policies: ['inner'] })
    // The denied request still counted against the outer policy, which /loose shares.
    const loose = [
      await testClient(app, { env }).fetch('/loose', ip),
      await testClient(app, { env }).fetch('/loose', ip),
      await testClient(app, { env }).fetch('/loose', ip),
    ]
    expect(loose.map((r) => r.status)).toEqual([200, 200, 429])
    expect(loose[0]!.headers.get('ratelimit-policy')).toBe('"outer";q=5;w=60')
    expect(await problem(loose[2]!)).toMatchObject({ policies: ['outer'] })
  })

  it('counts per user and per IP separately', async () => {
    const app = createApp({
      handlers: [
        get('/by-user', { rateLimit: [{ name: 'per-user', limit: 2, window: 60, key: 'user' }] }, () => 'ok'),
        get('/by-ip', { rateLimit: [{ name: 'per-ip', limit: 2, window: 60, key: 'ip' }] }, () => 'ok'),
      ],
      plugins: [limiter()],
    })
    const statuses = async (path: string, inits: RequestInit[]) =>
      Promise.all(
        inits.map((init) =>
          testClient(app, { env })
            .fetch(path, init)
            .then((r) => r.status),
        ),
      )
    // Same address, two users: each user has their own budget.
    expect(await statuses('/by-user', [from('203.0.113.9', 'ann'), from('203.0.113.9', 'ann')])).toEqual([200, 200])
    expect(await statuses('/by-user', [from('203.0.113.9', 'ann')])).toEqual([429])
    expect(await statuses('/by-user', [from('203.0.113.9', 'ben'), from('203.0.113.10', 'ben')])).toEqual([200, 200])
    // Same two users on a per-IP policy share their address's budget; another address has its own.
    expect(await statuses('/by-ip', [from('203.0.113.9', 'ann'), from('203.0.113.9', 'ben')])).toEqual([200, 200])
    expect(await statuses('/by-ip', [from('203.0.113.9', 'cat')])).toEqual([429])
    expect(await statuses('/by-ip', [from('203.0.113.11', 'ann')])).toEqual([200])
  })

  it('keys by CF-Connecting-IP and ignores X-Forwarded-For', async () => {
    const app = createApp({
      handlers: [get('/ip', { rateLimit: [{ name: 'spoof', limit: 1, window: 60, key: 'ip' }] }, () => 'ok')],
      plugins: [limiter()],
    })
    const spoofed = (xff: string) => ({ headers: { 'cf-connecting-ip': '192.0.2.50', 'x-forwarded-for': xff } })
    expect((await testClient(app, { env }).fetch('/ip', spoofed('10.0.0.1'))).status).toBe(200)
    expect((await testClient(app, { env }).fetch('/ip', spoofed('10.0.0.2'))).status).toBe(429)
  })

  it('removes a limiter’s expired state with its alarm, leaving no keys behind', async () => {
    const app = createApp({
      handlers: [get('/gc', { rateLimit: [{ name: 'gc', limit: 5, window: 1, key: 'ip' }] }, () => 'ok')],
      plugins: [limiter()],
    })
    await testClient(app, { env }).fetch('/gc', from('198.51.100.5'))
    await testClient(app, { env }).fetch('/gc', from('198.51.100.5'))
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName('gc:ip:198.51.100.5'))
    const stored = () =>
      runInDurableObject(stub, async (_o: unknown, state) => [...(await state.storage.list<number>()).entries()])
    // A key holds the hits of one write, so hits written together share one.
    const rows = async () => (await stored()).reduce((sum, [k, n]) => sum + (k.startsWith('hit:') ? n : 0), 0)
    await sleep(FLUSH_MS * 4)
    expect(await rows()).toBe(2)
    // An alarm before the window ends keeps live state.
    await runDurableObjectAlarm(stub)
    expect(await rows()).toBe(2)
    await sleep(1100)
    await runDurableObjectAlarm(stub)
    expect(await stored()).toEqual([])
    expect(await runInDurableObject(stub, (_o: unknown, state) => state.storage.getAlarm())).toBeNull()
    // The object still works afterwards.
    expect((await testClient(app, { env }).fetch('/gc', from('198.51.100.5'))).headers.get('ratelimit')).toBe(
      '"gc";r=4;t=1',
    )
  })

  it('keeps its count when the object is evicted from memory', async () => {
    const app = createApp({
      handlers: [get('/evict', { rateLimit: [{ name: 'evict', limit: 3, window: 60, key: 'ip' }] }, () => 'ok')],
      plugins: [limiter()],
    })
    const ip = from('198.51.100.8')
    expect((await testClient(app, { env }).fetch('/evict', ip)).status).toBe(200)
    expect((await testClient(app, { env }).fetch('/evict', ip)).status).toBe(200)
    await evictDurableObject(env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName('evict:ip:198.51.100.8')))
    const third = await testClient(app, { env }).fetch('/evict', ip)
    expect(third.headers.get('ratelimit')).toMatch(/^"evict";r=0;t=(59|60)$/)
    expect((await testClient(app, { env }).fetch('/evict', ip)).status).toBe(429)
  })

  it('fails open by default, and closed with a 503 where a policy asks for it, logging a line either way', async () => {
    const lines: Record<string, unknown>[] = []
    const unbound = limiter({
      binding: (e) => (e as unknown as Record<string, DurableObjectNamespace<never>>).NO_SUCH_BINDING!,
      log: (line) => lines.push(line),
    })
    const app = createApp({
      handlers: [
        get('/open', { rateLimit: [{ name: 'open', limit: 1, window: 60, key: 'ip' }] }, () => 'ok'),
        get(
          '/closed',
          { rateLimit: [{ name: 'closed', limit: 1, window: 60, key: 'ip', onUnavailable: 'closed' }] },
          () => 'ok',
        ),
      ],
      plugins: [unbound],
    })
    const open = await testClient(app, { env }).fetch('/open', from('198.51.100.6'))
    expect(open.status).toBe(200)
    expect(open.headers.get('ratelimit-policy')).toBe('"open";q=1;w=60')
    expect(open.headers.get('ratelimit')).toBeNull()
    const closed = await testClient(app, { env }).fetch('/closed', from('198.51.100.6'))
    expect(closed.status).toBe(503)
    expect(closed.headers.get('retry-after')).toBe('1')
    expect(await problem(closed)).toMatchObject({ status: 503 })
    expect(lines).toMatchObject([
      { level: 'warn', event: 'rate-limit-unavailable', policy: 'open', action: 'allowed' },
      { level: 'error', event: 'rate-limit-unavailable', policy: 'closed', action: 'rejected' },
    ])
  })
})

describe('rate-limit configuration and documentation', () => {
  const build = (policy: object, options?: Partial<RateLimitOptions>) => () =>
    createApp({ handlers: [get('/x', { rateLimit: [policy as never] }, () => 'x')], plugins: [limiter(options)] })

  it('refuses bad policies when the app is built, naming the route', () => {
    expect(build({ limit: 0, window: 60, key: 'ip' })).toThrow(
      'Route GET /x: rate limit "0-per-60s-ip" needs a whole, positive limit',
    )
    expect(build({ limit: 5, window: 0.5, key: 'ip' })).toThrow(/needs a window of whole, positive seconds/)
    expect(build({ name: 'a b', limit: 5, window: 60, key: 'ip' })).toThrow(/may use only letters/)
    expect(build({ limit: 5, window: 60, key: 'apiKey' }, { identify: {} })).toThrow(
      'counts by apiKey, but rateLimit() has no identify.apiKey',
    )
  })

  it('documents the policies, their headers on every response (errors too) and the 429 on limited operations only', () => {
    const app = createApp({
      handlers: [
        get('/limited', { rateLimit: [{ name: 'doc', limit: 3, window: 10, key: 'ip' }] }, () => 'x'),
        get('/free', () => 'x'),
      ],
      plugins: [limiter()],
    })
    const doc = generateDocument(app, { title: 't', version: '1' }) as {
      paths: Record<string, { get: Record<string, unknown> & { responses: Record<string, Record<string, unknown>> } }>
      components: { responses: Record<string, { headers?: object }> }
    }
    const limited = doc.paths['/limited']!.get
    expect(limited['x-rate-limit']).toEqual([{ name: 'doc', limit: 3, window: 10, key: 'ip' }])
    expect(Object.keys(limited.responses['429']!.headers as object).sort()).toEqual([
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
    ])
    expect(Object.keys(limited.responses['200']!.headers as object)).toEqual(['RateLimit-Policy', 'RateLimit'])
    // A shared error response takes them as its own variant: the 500 of a limited route says where the client stands.
    const error = String(limited.responses['500']!.$ref).split('/').pop()!
    expect(error).toBe('InternalServerErrorWithRateLimitRateLimitPolicy')
    expect(Object.keys(doc.components.responses[error]!.headers ?? {})).toEqual(['RateLimit-Policy', 'RateLimit'])
    expect(doc.paths['/free']!.get.responses['429']).toBeUndefined()
    expect(doc.paths['/free']!.get.responses['500']!.$ref).toBe('#/components/responses/InternalServerError')
  })
})
