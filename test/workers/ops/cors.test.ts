import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, get, notFound, post } from '../../../src/core'
import { type CorsOptions, cors } from '../../../src/core/middleware/index'
import { testClient } from '../../../src/core/testing'
import { problem } from '../helpers'

const handlers = [
  get('/things/:id', { errors: [404] }, ({ params }) =>
    params.id === '0' ? notFound('No thing 0') : { id: params.id },
  ),
  post('/things', () => ({ ok: true })),
]
const build = (options: CorsOptions) => createApp({ middleware: [cors(options)], handlers })
const strict = build({
  origins: ['https://app.example.com', '*.example.org'],
  credentials: true,
  headers: ['content-type', 'authorization'],
  exposeHeaders: ['x-request-id'],
  maxAge: 120,
})
const preflight = (origin: string, method = 'POST', headers?: string) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': method,
    ...(headers ? { 'access-control-request-headers': headers } : {}),
  },
})

describe('CORS on simple and actual requests', () => {
  it('echoes an allowed exact origin with credentials, exposed headers and Vary: Origin', async () => {
    const res = await testClient(strict, { env }).fetch('/things/1', { headers: { origin: 'https://app.example.com' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-expose-headers')).toBe('x-request-id')
    expect(res.headers.get('vary')).toContain('Origin')
  })

  it('gives a disallowed origin no CORS headers at all, but still varies by Origin for caches', async () => {
    const res = await testClient(strict, { env }).fetch('/things/1', {
      headers: { origin: 'https://evil.example.com.attacker.net' },
    })
    expect(res.status).toBe(200)
    for (const [name] of res.headers) expect(name.startsWith('access-control-')).toBe(false)
    expect(res.headers.get('vary')).toContain('Origin')
  })

  it('matches wildcard subdomains over https only, never the bare domain or a look-alike', async () => {
    const verdict = async (origin: string) =>
      (await testClient(strict, { env }).fetch('/things/1', { headers: { origin } })).headers.get(
        'access-control-allow-origin',
      )
    expect(await verdict('https://a.example.org')).toBe('https://a.example.org')
    expect(await verdict('https://a.b.example.org')).toBe('https://a.b.example.org')
    expect(await verdict('http://a.example.org')).toBeNull()
    expect(await verdict('https://example.org')).toBeNull()
    expect(await verdict('https://evilexample.org')).toBeNull()
    expect(await verdict('https://a.example.org.evil.net')).toBeNull()
  })

  it('decides by a function when given one', async () => {
    const app = build({ origins: (origin) => origin.endsWith('.trusted.test') })
    const ok = await testClient(app, { env }).fetch('/things/1', { headers: { origin: 'https://x.trusted.test' } })
    const no = await testClient(app, { env }).fetch('/things/1', { headers: { origin: 'https://x.other.test' } })
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://x.trusted.test')
    expect(no.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers "*" without credentials and without Vary when every origin is allowed', async () => {
    const res = await testClient(build({ origins: '*' }), { env }).fetch('/things/1', {
      headers: { origin: 'https://any.test' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('refuses "*" together with credentials when the app is built', () => {
    expect(() => cors({ origins: '*', credentials: true })).toThrow(/credentials need explicit origins/)
  })

  it('adds CORS headers to error responses too, so the browser lets the script read the problem', async () => {
    const missing = await testClient(strict, { env }).fetch('/things/0', {
      headers: { origin: 'https://app.example.com' },
    })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    const unrouted = await testClient(strict, { env }).fetch('/nowhere', {
      headers: { origin: 'https://app.example.com' },
    })
    expect(unrouted.status).toBe(404)
    expect(unrouted.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    const wrongMethod = await testClient(strict, { env }).fetch('/things', {
      method: 'PUT',
      headers: { origin: 'https://app.example.com' },
    })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
  })

  it('adds nothing to same-origin or non-browser requests without an Origin header', async () => {
    const res = await testClient(strict, { env }).fetch('/things/1')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('vary')).toBeNull()
  })
})

describe('CORS preflight', () => {
  it('answers a preflight for a known path with methods, headers, max age and credentials', async () => {
    const res = await testClient(strict, { env }).fetch(
      '/things',
      preflight('https://app.example.com', 'POST', 'Content-Type, Authorization'),
    )
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE')
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, authorization')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-max-age')).toBe('120')
    expect(res.headers.get('vary')).toContain('Origin')
  })

  it('echoes the requested headers when any header is allowed, never a literal "*"', async () => {
    const app = build({ origins: ['https://app.example.com'], credentials: true })
    const res = await testClient(app, { env }).fetch(
      '/things/5',
      preflight('https://app.example.com', 'GET', 'X-Custom, Content-Type'),
    )
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-headers')).toBe('x-custom, content-type')
  })

  it('refuses a preflight from a disallowed origin with a 403 problem and no CORS headers', async () => {
    const res = await testClient(strict, { env }).fetch('/things', preflight('https://evil.test'))
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect((await problem(res)).detail).toBe('Origin https://evil.test is not allowed')
  })

  it('refuses a preflight asking for a method or header the policy does not allow, naming it', async () => {
    const app = build({ origins: ['https://app.example.com'], methods: ['GET', 'POST'], headers: ['content-type'] })
    const method = await testClient(app, { env }).fetch('/things', preflight('https://app.example.com', 'DELETE'))
    expect(method.status).toBe(403)
    expect((await problem(method)).detail).toBe('Method DELETE is not allowed by CORS')
    const header = await testClient(app, { env }).fetch(
      '/things',
      preflight('https://app.example.com', 'POST', 'content-type, x-secret'),
    )
    expect(header.status).toBe(403)
    expect((await problem(header)).detail).toBe('Header x-secret is not allowed by CORS')
  })

  it('answers a preflight for an unknown path with 404', async () => {
    const res = await testClient(strict, { env }).fetch('/nowhere', preflight('https://app.example.com'))
    expect(res.status).toBe(404)
  })

  it('is wired into the reference Worker for its local front-end origin', async () => {
    const worker = exports.default as unknown as Fetcher
    const res = await worker.fetch('https://api.test/greet', preflight('http://localhost:5173', 'GET'))
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(res.headers.get('x-request-id')).toBeTruthy()
  })
})
