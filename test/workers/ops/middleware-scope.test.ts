import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, get, type Middleware, middleware, notFound, router } from '../../../src/core'
import { type RequestLogLine, requestLogger } from '../../../src/core/middleware/index'
import { testClient } from '../../../src/core/testing'

/** A middleware that stamps its name on every response it wraps, and says so to the document. */
const throughHeader = { 'X-Through': { description: 'The middleware that wrapped it', schema: { type: 'string' } } }
const stamp = (name: string, exclude?: (string | RegExp)[]): Middleware =>
  middleware({ name, responseHeaders: () => throughHeader, ...(exclude ? { exclude } : {}) }, async (_ctx, next) => {
    const res = await next()
    res.headers.append('x-through', name)
    return res
  })

const app = createApp({
  middleware: [stamp('app')],
  handlers: [
    get('/open', () => 'open'),
    router({
      path: '/admin',
      middleware: [stamp('admin', ['/admin/status', /\/admin\/public\//])],
      handlers: [
        get('/users', () => 'users'),
        get('/status', () => 'status'),
        get('/public/info', () => 'info'),
        get('/users/:id', { middleware: [stamp('handler')], errors: [404] }, ({ params }) =>
          notFound(`No user ${params.id}`),
        ),
      ],
    }),
  ],
})
const through = async (path: string) => (await testClient(app, { env }).fetch(path)).headers.get('x-through')

describe('excluding routes from a ready-made middleware', () => {
  it('wraps any middleware, such as the request logger, in middleware() to give it an exclude list', async () => {
    const lines: RequestLogLine[] = []
    const quiet = createApp({
      middleware: [middleware({ exclude: ['/health'] }, requestLogger({ write: (l) => lines.push(l) }))],
      handlers: [get('/health', () => 'ok'), get('/work', () => 'done')],
    })
    await testClient(quiet, { env }).fetch('/health')
    await testClient(quiet, { env }).fetch('/work')
    expect(lines.map((l) => l.route)).toEqual(['/work'])
  })
})

describe('per-layer middleware', () => {
  it('wraps a router’s routes with the router’s middleware inside the app’s', async () => {
    expect(await through('/admin/users')).toBe('admin, app')
  })

  it('leaves routes outside the router alone', async () => {
    expect(await through('/open')).toBe('app')
  })

  it('skips routes the middleware excludes, by exact pattern or RegExp', async () => {
    expect(await through('/admin/status')).toBe('app')
    expect(await through('/admin/public/info')).toBe('app')
  })

  it('runs handler-level middleware innermost and still sees thrown errors as responses', async () => {
    const res = await testClient(app, { env }).fetch('/admin/users/7')
    expect(res.status).toBe(404)
    expect(res.headers.get('x-through')).toBe('handler, admin, app')
  })

  it('runs only app middleware around answers no route serves', async () => {
    const res = await testClient(app, { env }).fetch('/admin/nothing')
    expect(res.status).toBe(404)
    expect(res.headers.get('x-through')).toBe('app')
  })
})
