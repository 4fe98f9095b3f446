import { describe, expect, it } from 'vitest'
import { apiClient } from '../kit'

// The document routes read fixed asset paths: nothing of the request chooses which file is read, and a spelling
// that is not one of the paths reaches no asset through them.
const api = apiClient()

describe('the asset-backed document routes read only their own files', () => {
  it('ignores query strings, odd Accept values and methods that would steer the read elsewhere', async () => {
    const reference = await (await api.fetch('/openapi.yaml')).arrayBuffer()
    for (const path of ['/openapi.yaml?path=/_headers', '/openapi.yaml?%2e%2e/_headers', '/openapi.yaml#/_headers']) {
      const res = await api.fetch(path, { headers: { accept: 'text/html' } })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toBe('application/yaml; charset=utf-8')
      expect(new Uint8Array(await res.arrayBuffer()), path).toEqual(new Uint8Array(reference))
    }
    const head = await api.fetch('/openapi-3.2.json', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const post = await api.fetch('/openapi.json', { method: 'POST', json: {} })
    expect(post.status).toBe(405)
  })

  it('answers 404, not an asset, to other spellings of a document path', async () => {
    for (const path of [
      '/OPENAPI.YAML',
      '/openapi%2Eyaml',
      '/docs/../openapi-3.2.json.map',
      '/_headers',
      '/openapi.json%00',
    ]) {
      const res = await api.fetch(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type'), path).toBe('application/problem+json')
    }
  })

  it('answers a browser at / with the page, and anything short of preferring HTML with the JSON', async () => {
    for (const accept of ['text/html;q=0.4, application/json;q=0.5', 'TEXT/HTML;q=0', '*/*;q=abc', 'text/html;q=1e999'])
      expect((await api.fetch('/', { headers: { accept } })).headers.get('content-type'), accept).toBe(
        accept === 'text/html;q=1e999' ? 'text/html; charset=utf-8' : 'application/json',
      )
  })
})
