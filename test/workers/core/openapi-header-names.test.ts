import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, validation } from '../../../src/core'
import { responseCache } from '../../../src/core/cache'
import { generateDocument } from '../../../src/core/openapi'
import { canonicalHeaderName } from '../../../src/core/openapi/header-name'
import { kvStore } from '../../../src/core/stores'

type Json = Record<string, unknown>

describe('header names in the generated document', () => {
  it('spells every header the HTTP canonical way, whatever case it was written in', () => {
    const cases: [string, string][] = [
      ['if-none-match', 'If-None-Match'],
      ['IF-MATCH', 'If-Match'],
      ['etag', 'ETag'],
      ['ETAG', 'ETag'],
      ['content-length', 'Content-Length'],
      ['ratelimit-policy', 'RateLimit-Policy'],
      ['ratelimit', 'RateLimit'],
      ['x-request-id', 'X-Request-Id'],
      ['x-api-key', 'X-API-Key'],
      ['www-authenticate', 'WWW-Authenticate'],
      ['content-md5', 'Content-MD5'],
      ['range', 'Range'],
    ]
    for (const [name, canonical] of cases) expect(canonicalHeaderName(name), name).toBe(canonical)
  })

  it('canonicalises lower-case spec headers, extension headers and response headers alike, once each', () => {
    const read = get(
      '/items/:id',
      {
        params: v.object({ id: v.string() }),
        headers: v.object({ 'if-none-match': v.optional(v.string()), 'x-trace-id': v.optional(v.string()) }),
        successHeaders: { etag: { description: 'validator' }, 'content-length': { description: 'bytes' } },
      },
      () => ({ ok: true }),
    )
    const app = createApp({
      cache: { ttl: 60 },
      handlers: [read],
      plugins: [validation(), responseCache({ store: kvStore({ binding: (env) => env.CACHE, namespace: 'names' }) })],
    })
    const doc = generateDocument(app, { title: 'T', version: '1' }) as { paths: Record<string, Record<string, Json>> }
    const op = doc.paths['/items/{id}']!.get!
    const headerParams = (op.parameters as Json[]).filter((p) => p.in === 'header').map((p) => p.name)
    expect(headerParams).toEqual(['If-None-Match', 'X-Trace-Id'])
    const success = (op.responses as Record<string, Json>)['200']!
    expect(Object.keys(success.headers as Json)).toEqual(['ETag', 'Content-Length', 'Cache-Control', 'Cache-Status'])
  })
})
