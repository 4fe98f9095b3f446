import { onEveryResponse } from '../kernel/document-headers'
import type { StageDescription } from '../openapi/stage-description'

type Json = Record<string, unknown>

/** What a cached GET's stage settled: how long its responses are kept, in seconds. */
export interface CacheFacts {
  readonly ttl: number
}

/** Adds what caching does to a cached GET's operation: its headers, the 304, and If-None-Match. */
export const cacheDescription: StageDescription<CacheFacts> = {
  stages: ['responseCache'],
  describe(operation: Json, cache, route): void {
    const responses = operation.responses as Json
    // The cache says what it did on every answer, a bypassed or failed one too.
    onEveryResponse(operation, {
      'Cache-Status': { description: 'RFC 9211: hit, or fwd=uri-miss / stale / bypass', schema: { type: 'string' } },
    })
    const success = responses[String(route.status)] as Json | undefined
    if (success) {
      const has = (name: string) => Object.keys(success.headers ?? {}).some((h) => h.toLowerCase() === name)
      success.headers = {
        ...(success.headers as Json | undefined),
        ...(has('etag')
          ? {}
          : {
              ETag: {
                description: 'Validator of the body; send it back in If-None-Match',
                schema: { type: 'string' },
              },
            }),
        'Cache-Control': { description: `Cached here for up to ${cache.ttl} s`, schema: { type: 'string' } },
      }
    }
    responses['304'] ??= { description: 'Not Modified: the ETag in If-None-Match still matches' }
    const notModified = responses['304'] as Json
    // A 304 from the cache carries the validator and the freshness it was checked against.
    notModified.headers = {
      ETag: { description: 'The entity tag that still matches', schema: { type: 'string' } },
      'Cache-Control': { description: `Cached here for up to ${cache.ttl} s`, schema: { type: 'string' } },
      ...(notModified.headers as Json | undefined),
    }
    const parameters = (operation.parameters as Json[] | undefined) ?? []
    if (!parameters.some((p) => p.in === 'header' && String(p.name).toLowerCase() === 'if-none-match'))
      parameters.push({ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } })
    operation.parameters = parameters
  },
}
