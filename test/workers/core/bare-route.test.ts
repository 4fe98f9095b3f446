import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  type AnyHandler,
  createApp,
  deprecation,
  get,
  HttpError,
  middleware,
  notFound,
  post,
  router,
} from '../../../src/core'
import { testClient } from '../../../src/core/testing'

// A route with nothing around its handler is compiled from less code (compileBare); the same route under a
// pass-through middleware takes the whole pipeline. Every answer must be the same, byte for byte.
const pass = middleware({ name: 'pass' }, (_ctx, next) => next())
const reported: unknown[] = []
const onError = (error: unknown) => void reported.push(error)

const handlers: AnyHandler[] = [
  get('/text', () => 'hi'),
  get('/json/:id', ({ params }) => ({ params })),
  get('/nothing', () => undefined),
  post('/made', () => undefined),
  post('/made-json', async () => ({ ok: true })),
  get('/response', () => new Response('raw', { status: 202, headers: { 'x-raw': '1' } })),
  get('/missing', () => notFound('No such thing')),
  get('/teapot', () => {
    throw new HttpError(418, { detail: 'short and stout', headers: { 'x-why': 'tea' } })
  }),
  get('/bug', () => {
    throw new Error('a bug')
  }),
  get('/async-bug', async () => {
    throw new Error('an async bug')
  }),
  get('/headers', (ctx) => {
    ctx.responseHeaders.set('x-added', 'yes')
    ctx.responseHeaders.append('set-cookie', 'a=1')
    return 'with headers'
  }),
  get('/old', { deprecated: deprecation({ since: '2026-01-01', link: 'https://example.com/d' }) }, () => 'old'),
]
const layer = { path: '/', responseHeaders: { 'x-layer': 'on' }, handlers }
// What production answers (no contract check): some of these routes answer what their specs do not declare.
const bare = testClient(createApp({ onError, handlers: [router(layer)] }), { env, contract: false })
const whole = testClient(createApp({ onError, handlers: [router({ ...layer, middleware: [pass] })] }), {
  env,
  contract: false,
})

const answer = async (res: Response) => ({
  status: res.status,
  headers: [...res.headers].filter(([name]) => name !== 'x-request-id'),
  body: await res.text(),
})

describe('a bare route answers as the whole pipeline does', () => {
  const requests: [string, RequestInit?][] = [
    ['/text'],
    ['/json/J%C3%BCrgen'],
    ['/json/%E0%A4%A'],
    ['/nothing'],
    ['/made', { method: 'POST' }],
    ['/made-json', { method: 'POST' }],
    ['/response'],
    ['/missing'],
    ['/teapot'],
    ['/bug'],
    ['/async-bug'],
    ['/headers'],
    ['/old'],
    ['/text', { method: 'HEAD' }],
  ]
  for (const [path, init] of requests)
    it(`${init?.method ?? 'GET'} ${path}`, async () => {
      reported.length = 0
      const a = await answer(await bare.fetch(path, init))
      const reportedByBare = reported.length
      const b = await answer(await whole.fetch(path, init))
      expect(a).toEqual(b)
      expect(reportedByBare).toBe(reported.length - reportedByBare)
    })

  it('keeps the layer and deprecation headers and the ones the handler added', async () => {
    const res = await bare.fetch('/old')
    expect(res.headers.get('x-layer')).toBe('on')
    expect(res.headers.get('deprecation')).toMatch(/^@\d+$/)
    const added = await bare.fetch('/headers')
    expect([added.headers.get('x-added'), added.headers.get('set-cookie')]).toEqual(['yes', 'a=1'])
  })
})
