import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'
import { assetDocumentRoutes, createApp, documentRoutes } from '../../../src/core'
import { testClient } from '../../../src/core/testing'
import { apiClient } from '../kit'

const CHROME = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'
const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer())

describe('the document forms read from the static assets', () => {
  // What the same routes answer when each form is derived in the Worker from the committed document.
  const derived = testClient(createApp({ handlers: documentRoutes(document, () => new Response('page')) }), { env })

  it('answers every form with the bytes, type and status the Worker would derive', async () => {
    const reference = apiClient()
    for (const [path, accept] of [
      ['/', 'application/json'],
      ['/openapi.json', undefined],
      ['/openapi-3.2.json', undefined],
      ['/openapi.yaml', undefined],
    ] as const) {
      const init = accept ? { headers: { accept } } : {}
      const [served, expected] = await Promise.all([reference.fetch(path, init), derived.fetch(path, init)])
      expect(served.status, path).toBe(200)
      expect(served.headers.get('content-type'), path).toBe(expected.headers.get('content-type'))
      expect(served.headers.get('vary'), path).toBe(expected.headers.get('vary'))
      expect(served.headers.get('x-request-id'), path).toBeTruthy()
      expect(await bytes(served), path).toEqual(await bytes(expected))
    }
  })

  it('answers browsers at / with the /docs asset unless the app has a page of its own', async () => {
    const assets = testClient(createApp({ handlers: assetDocumentRoutes() }), { env })
    const res = await assets.fetch('/', { headers: { accept: CHROME } })
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('vary')).toMatch(/accept/i)
    expect(await res.text()).toContain('<script src="/docs/scalar.js"></script>')
    const own = testClient(createApp({ handlers: assetDocumentRoutes(() => new Response('mine')) }), { env })
    expect(await (await own.fetch('/', { headers: { accept: CHROME } })).text()).toBe('mine')
  })

  it('answers 503 naming nothing internal when the binding is missing, and logs which', async () => {
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void errors.push(args.join(' '))
    try {
      const client = testClient(createApp({ handlers: assetDocumentRoutes(undefined, 'NO_SUCH_BINDING') }), { env })
      for (const [path, accept] of [
        ['/openapi.json', '*/*'],
        ['/openapi-3.2.json', '*/*'],
        ['/openapi.yaml', '*/*'],
        ['/', CHROME],
      ] as const) {
        const res = await client.fetch(path, { headers: { accept } })
        expect(res.status, path).toBe(503)
        expect(res.headers.get('content-type')).toBe('application/problem+json')
        expect(await res.text()).not.toMatch(/NO_SUCH/)
      }
    } finally {
      console.error = original
    }
    for (const path of ['/openapi.json', '/openapi-3.2.json', '/openapi.yaml', '/docs'])
      expect(errors.join('\n')).toContain(`"NO_SUCH_BINDING" assets binding is missing: ${path} cannot be served`)
  })
})
