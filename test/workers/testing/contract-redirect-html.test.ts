import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import committed from '../../../schema/openapi.json'
import { createApp, get, validation } from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'
import { testClient } from '../../../src/core/testing'

const Location = { description: 'Where the resource now lives', schema: v.pipe(v.string(), v.url()) }
const moved = () => new Response(null, { status: 301, headers: { location: 'https://api.test/v2/items' } })
const page = () => new Response('<p>hi</p>', { headers: { 'content-type': 'text/html; charset=utf-8' } })

const app = createApp({
  plugins: [validation()],
  handlers: [
    // A redirect declares its status and Location; an HTML page its media type.
    get('/v1/items', { status: 301, successHeaders: { location: Location } }, moved),
    get('/page', { responseType: 'text/html; charset=utf-8' }, page),
    // The same answers, undeclared.
    get('/v1/things', moved),
    get('/page2', { response: v.object({ ok: v.boolean() }) }, page),
  ],
})
const client = testClient(app, { env })

describe('redirects and HTML pages are declared like any response', () => {
  it('documents a redirect with its Location header and an HTML page with its media type', async () => {
    const doc = generateDocument(app, { title: 't', version: '1' }) as {
      paths: Record<string, { get: { responses: Record<string, { headers?: object; content?: object }> } }>
    }
    expect(doc.paths['/v1/items']?.get.responses[301]?.headers).toHaveProperty('Location')
    expect(doc.paths['/page']?.get.responses[200]?.content).toHaveProperty(['text/html; charset=utf-8'])
    expect((await client.fetch('/v1/items', { redirect: 'manual' })).status).toBe(301)
    expect((await client.fetch('/page')).headers.get('content-type')).toBe('text/html; charset=utf-8')
  })

  it('fails contract mode for a redirect or an HTML page the document does not declare', async () => {
    await expect(client.fetch('/v1/things', { redirect: 'manual' })).rejects.toThrow(/answered 301/)
    await expect(client.fetch('/page2')).rejects.toThrow(/text\/html/)
  })
})

describe('the reference API', () => {
  // None redirects today (the docs page is a document route, outside the document); one that did would say where.
  it('declares Location on every redirect it documents', () => {
    const doc = committed as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { headers?: object }> }>>
    }
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item))
        for (const [status, response] of Object.entries(op.responses))
          if (/^30[12378]$/.test(status))
            expect(response.headers, `${method} ${path} ${status}`).toHaveProperty('Location')
  })
})
