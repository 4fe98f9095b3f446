import { createExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, get, router } from '../../../src/core'
import { allowedHosts, securityHeaders } from '../../../src/core/middleware/index'
import { SECURITY_HEADERS_OPT } from '../../../src/core/middleware/security-headers'
import { testClient } from '../../../src/core/testing'
import { problem } from '../helpers'

const page = () => new Response('<!doctype html><title>hi</title>', { headers: { 'content-type': 'text/html' } })
const app = createApp({
  middleware: [securityHeaders()],
  handlers: [
    get('/data', () => ({ ok: true })),
    get('/page', page),
    get('/framed', () => new Response('x', { headers: { 'x-frame-options': 'SAMEORIGIN' } })),
    router({
      path: '/embed',
      opt: { [SECURITY_HEADERS_OPT]: { 'x-frame-options': false, 'referrer-policy': 'strict-origin' } },
      handlers: [get('/widget', page)],
    }),
  ],
})
const at = (url: string) => app.fetch(new Request(url), env, createExecutionContext())

describe('security headers', () => {
  it('puts nosniff, frame denial, referrer policy and an API CSP on a JSON response', async () => {
    const res = await testClient(app, { env }).fetch('/data')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
  })

  it('gives HTML pages a strict CSP of their own', async () => {
    const csp = (await testClient(app, { env }).fetch('/page')).headers.get('content-security-policy')
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
  })

  it('sends HSTS on https only, so local http dev stays reachable', async () => {
    expect((await at('https://api.test/data')).headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
    expect((await at('http://localhost:8787/data')).headers.get('strict-transport-security')).toBeNull()
  })

  it('covers error responses too', async () => {
    const res = await testClient(app, { env }).fetch('/missing')
    expect(res.status).toBe(404)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('leaves a header the handler set alone', async () => {
    expect((await testClient(app, { env }).fetch('/framed')).headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })

  it('lets a layer override or drop headers for its own routes only', async () => {
    const embedded = await testClient(app, { env }).fetch('/embed/widget')
    expect(embedded.headers.get('x-frame-options')).toBeNull()
    expect(embedded.headers.get('referrer-policy')).toBe('strict-origin')
    expect(embedded.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await testClient(app, { env }).fetch('/page')).headers.get('x-frame-options')).toBe('DENY')
  })

  it('is wired into the reference Worker', async () => {
    const res = await (exports.default as unknown as Fetcher).fetch('https://api.test/greet?name=A')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('strict-transport-security')).toBeTruthy()
  })
})

describe('allowed hosts', () => {
  const guarded = createApp({
    middleware: [allowedHosts(['api.test', '*.example.com'])],
    handlers: [get('/data', () => ({ ok: true }))],
  })
  const host = (url: string) => guarded.fetch(new Request(url), env, createExecutionContext())

  it('serves listed hosts and wildcard subdomains, whatever the port', async () => {
    expect((await host('https://api.test/data')).status).toBe(200)
    expect((await host('https://eu.example.com:8443/data')).status).toBe(200)
  })

  it('refuses any other host with a 400 problem naming it', async () => {
    for (const url of ['https://example.com/data', 'https://evil.test/data', 'https://example.com.evil.test/data']) {
      const res = await host(url)
      expect(res.status).toBe(400)
      expect((await problem(res)).detail).toBe(`Host ${new URL(url).hostname} is not allowed`)
    }
  })
})
