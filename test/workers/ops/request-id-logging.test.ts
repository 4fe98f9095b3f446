import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, get, router } from '../../../src/core'
import {
  logUserId,
  type RequestLogLine,
  requestId,
  requestLogger,
  serverTiming,
} from '../../../src/core/middleware/index'
import { MASKED } from '../../../src/core/middleware/mask'
import { testClient } from '../../../src/core/testing'
import { apiClient, signUp } from '../kit'

const worker = exports.default as unknown as Fetcher

const build = (lines: RequestLogLine[]) =>
  createApp({
    middleware: [requestId(), requestLogger({ write: (l) => lines.push(l) }), serverTiming()],
    handlers: [
      router({
        path: '/items',
        handlers: [
          get('/:id', (ctx) => {
            logUserId(ctx, 42)
            return { id: (ctx.params as { id: string }).id }
          }),
          get('/boom/now', () => {
            throw new Error('kaput')
          }),
        ],
      }),
    ],
  })

afterEach(() => vi.restoreAllMocks())

describe('request ids', () => {
  it('uses CF-Ray as the request id and echoes it as X-Request-Id', async () => {
    const lines: RequestLogLine[] = []
    const res = await testClient(build(lines), { env }).fetch('/items/7', {
      headers: { 'cf-ray': '8f1e2d3c4b5a6978-AMS' },
    })
    expect(res.headers.get('x-request-id')).toBe('8f1e2d3c4b5a6978-AMS')
    expect(lines[0]?.requestId).toBe('8f1e2d3c4b5a6978-AMS')
  })

  it('generates a fresh id per request without CF-Ray, ignoring a client-sent X-Request-Id', async () => {
    const lines: RequestLogLine[] = []
    const app = build(lines)
    const a = await testClient(app, { env }).fetch('/items/1', { headers: { 'x-request-id': 'forged' } })
    const b = await testClient(app, { env }).fetch('/items/1')
    const ida = a.headers.get('x-request-id')
    expect(ida).toMatch(/^[0-9a-f-]{36}$/)
    expect(b.headers.get('x-request-id')).not.toBe(ida)
    expect(lines.map((l) => l.requestId)).toEqual([ida, b.headers.get('x-request-id')])
  })

  it('gives 404 answers an id too, since app middleware wraps them', async () => {
    const res = await testClient(build([]), { env }).fetch('/nowhere', { headers: { 'cf-ray': 'ray-404' } })
    expect(res.status).toBe(404)
    expect(res.headers.get('x-request-id')).toBe('ray-404')
  })

  it('logs an unexpected error with the same request id as the response and the request line', async () => {
    const errors: string[] = []
    vi.spyOn(console, 'error').mockImplementation((line: string) => errors.push(line))
    const lines: RequestLogLine[] = []
    const res = await testClient(build(lines), { env }).fetch('/items/boom/now', { headers: { 'cf-ray': 'ray-500' } })
    expect(res.status).toBe(500)
    expect(await res.text()).not.toContain('kaput')
    expect(res.headers.get('x-request-id')).toBe('ray-500')
    const logged = errors.map((e) => JSON.parse(e) as Record<string, unknown>)
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', requestId: 'ray-500', error: 'kaput' }))
    expect(lines[0]).toMatchObject({ requestId: 'ray-500', status: 500, level: 'error' })
  })
})

describe('request log lines', () => {
  it('writes one line per request with method, route pattern, status, duration, user and request id', async () => {
    const lines: RequestLogLine[] = []
    await testClient(build(lines), { env }).fetch('/items/9?page=2', { headers: { 'cf-ray': 'ray-1' } })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: '/items/:id',
      path: '/items/9',
      query: 'page=2',
      status: 200,
      userId: 42,
      requestId: 'ray-1',
    })
    expect(typeof lines[0]?.durationMs).toBe('number')
  })

  it('masks Authorization, cookies and API keys in headers and query, keeping the auth scheme', async () => {
    const lines: RequestLogLine[] = []
    await testClient(build(lines), { env }).fetch('/items/1?api_key=sk_live_123&access_token=tok456&page=3', {
      headers: {
        authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig',
        cookie: 'session=abcdef',
        'x-api-key': 'key-789',
        'user-agent': 'vitest',
      },
    })
    const text = JSON.stringify(lines)
    for (const secret of ['eyJhbGciOiJIUzI1NiJ9', 'abcdef', 'key-789', 'sk_live_123', 'tok456'])
      expect(text).not.toContain(secret)
    expect(lines[0]?.headers).toMatchObject({
      authorization: `Bearer ${MASKED}`,
      cookie: MASKED,
      'x-api-key': MASKED,
      'user-agent': 'vitest',
    })
    expect(new URLSearchParams(lines[0]?.query).get('page')).toBe('3')
    expect(new URLSearchParams(lines[0]?.query).get('api_key')).toBe(MASKED)
  })

  it('is wired into the reference Worker: one masked JSON line on console.log per request', async () => {
    const out: string[] = []
    vi.spyOn(console, 'log').mockImplementation((line: string) => out.push(line))
    const res = await worker.fetch('https://api.test/greet?name=Ann', {
      headers: { authorization: 'Bearer secret-token-value', 'cf-ray': 'ray-ref' },
    })
    expect(res.status).toBe(200)
    const lines = out.map((l) => JSON.parse(l) as RequestLogLine).filter((l) => l.msg === 'request')
    expect(lines).toContainEqual(expect.objectContaining({ requestId: 'ray-ref', route: '/greet', status: 200 }))
    expect(out.join('\n')).not.toContain('secret-token-value')
  })
})

describe('the user in the reference API’s log line', () => {
  it('names the caller once a guard has verified their token, and nobody for anonymous calls', async () => {
    const anyone = apiClient()
    const { user, client } = await signUp(anyone, { name: 'Logged' })
    const post = (from: typeof anyone, ray: string) =>
      from.fetch(`/users/${user.id}/posts`, {
        method: 'POST',
        headers: { 'cf-ray': ray },
        json: { title: 'Logged', content: 'in' },
      })
    expect((await post(client, 'ray-user')).status).toBe(201)
    expect((await post(anyone, 'ray-anon')).status).toBe(401)
    // The signed-in client shares the log of the client it signed in from.
    const lines = anyone.logs.filter((l) => l.msg === 'request')
    expect(lines.find((l) => l.requestId === 'ray-user')?.userId).toBe(user.id)
    expect(lines.find((l) => l.requestId === 'ray-anon')?.userId).toBeUndefined()
    const token = client.credentials.get('authorization')!.replace('Bearer ', '')
    expect(JSON.stringify(anyone.logs)).not.toContain(token)
  })
})

describe('Server-Timing', () => {
  it('reports the handler time on success and on errors', async () => {
    const app = build([])
    for (const path of ['/items/1', '/items/boom/now']) {
      vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const ctx = createExecutionContext()
      const res = await app.fetch(new Request(`https://api.test${path}`), env, ctx)
      await waitOnExecutionContext(ctx)
      expect(res.headers.get('server-timing')).toMatch(/^handler;dur=\d+(\.\d)?$/)
    }
  })
})
