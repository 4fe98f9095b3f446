import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import document from '../../../schema/openapi.json'
import { createApp, documentRoutes, fromAssets } from '../../../src/core'
import { prefersHtml } from '../../../src/core/kernel/document-routes'
import { testClient } from '../../../src/core/testing'
import { apiClient } from '../kit'

const anyone = apiClient()
const get = (path: string, accept?: string) => anyone.fetch(path, accept === undefined ? {} : { headers: { accept } })

const CHROME = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'
const FIREFOX = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

describe('content negotiation at /', () => {
  it('answers browsers with the docs page from the static assets', async () => {
    for (const accept of [CHROME, FIREFOX]) {
      const res = await get('/', accept)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(res.headers.get('vary')).toMatch(/accept/i)
      const html = await res.text()
      expect(html).toContain('<script src="/docs/scalar.js"></script>')
      expect(html).not.toMatch(/<script>/) // no inline script, so the CSP can forbid it
    }
  })

  it('keeps answering API clients with the JSON document', async () => {
    for (const accept of [
      undefined,
      '*/*',
      'application/json',
      'application/json, text/html',
      'text/html;q=0.5, */*',
    ]) {
      const res = await get('/', accept)
      expect(res.headers.get('content-type'), `Accept: ${accept}`).toBe('application/json')
      expect(res.headers.get('vary')).toMatch(/accept/i)
      expect(await res.json()).toEqual(document)
    }
  })

  it('serves a built-in docs page (no script) at /docs and to browsers at / when the app has none of its own', async () => {
    const app = createApp({ handlers: documentRoutes(document) })
    const client = testClient(app, { env })
    for (const path of ['/docs', '/']) {
      const res = await client.fetch(path, { headers: { accept: CHROME } })
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      const html = await res.text()
      expect(html).toContain('<code>/users/{id}</code>')
      expect(html).not.toContain('<script')
    }
    const api = await client.fetch('/', { headers: { accept: 'application/json' } })
    expect(await api.json()).toEqual(document)
  })

  it('escapes what the document says, so a description cannot inject markup into the page', async () => {
    const hostile = { openapi: '3.1.0', info: { title: '<script>alert(1)</script>', version: '1' }, paths: {} }
    const res = await testClient(createApp({ handlers: documentRoutes(hostile) }), { env }).fetch('/docs')
    const html = await res.text()
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('&#60;script&#62;')
  })

  it('decides by q-values, most specific range first, ties going to JSON', () => {
    expect(prefersHtml(null)).toBe(false)
    expect(prefersHtml('')).toBe(false)
    expect(prefersHtml('text/html')).toBe(true)
    expect(prefersHtml('text/*')).toBe(true)
    expect(prefersHtml('text/html;q=0.9, application/json')).toBe(false)
    expect(prefersHtml('application/json;q=0.5, text/html')).toBe(true)
    expect(prefersHtml('*/*;q=0.8, text/html;q=0')).toBe(false)
    expect(prefersHtml('TEXT/HTML; Q=1, */*;q=0.1')).toBe(true)
  })
})

describe('the document in other forms', () => {
  it('serves /openapi.yaml as YAML that reads back to the committed document', async () => {
    const res = await get('/openapi.yaml')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/yaml; charset=utf-8')
    // Decoded by hand: workerd warns on .text() of a type it does not take for text, YAML among them.
    expect(parse(new TextDecoder().decode(await res.arrayBuffer()))).toEqual(document)
  })

  it('keeps the document routes out of the document itself', () => {
    for (const path of ['/', '/openapi.json', '/openapi.yaml', '/docs']) expect(document.paths).not.toHaveProperty(path)
  })
})

describe('documents read from the static assets', () => {
  const fromAssetsApp = (path: string, binding?: string) =>
    testClient(createApp({ handlers: [...documentRoutes(fromAssets(path, binding))] }), { env })

  it('serves the file the build copied into the assets, byte for byte the committed document', async () => {
    const client = fromAssetsApp('/openapi.json')
    for (const path of ['/openapi.json', '/']) {
      const res = await client.fetch(path, { headers: { accept: 'application/json' } })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual(document)
    }
  })

  it('answers 503 naming nothing internal when the file or the binding is missing, and logs which', async () => {
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void errors.push(args.join(' '))
    try {
      for (const client of [
        fromAssetsApp('/no-such-document.json'),
        fromAssetsApp('/openapi.json', 'NO_SUCH_BINDING'),
      ]) {
        const res = await client.fetch('/openapi.json')
        expect(res.status).toBe(503)
        expect(res.headers.get('content-type')).toBe('application/problem+json')
        expect(await res.text()).not.toMatch(/NO_SUCH|no-such/)
      }
    } finally {
      console.error = original
    }
    expect(errors.join('\n')).toMatch(/no-such-document\.json/)
    expect(errors.join('\n')).toMatch(/"NO_SUCH_BINDING" assets binding is missing/)
  })
})
