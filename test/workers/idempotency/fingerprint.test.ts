import { describe, expect, it } from 'vitest'
import { requestFingerprint } from '../../../src/core/idempotency/fingerprint'
import type { RequestContext } from '../../../src/core/kernel/context'

const ctxOf = (inputs: { params?: unknown; query?: unknown; body?: unknown; headers?: Record<string, string> }) =>
  ({
    params: inputs.params ?? {},
    query: inputs.query ?? {},
    body: inputs.body,
    request: new Request('https://example.com/x', { method: 'POST', headers: inputs.headers }),
  }) as unknown as RequestContext

describe('requestFingerprint', () => {
  // Records live for a day in the callers' objects: a fingerprint spelt differently after a deploy would make
  // every retry across it a 422 mismatch. These are the digests of the canonical text as first shipped.
  it('keeps its canonical text: sorted keys, undefined dropped, files by name, type and size, dates as ISO', async () => {
    const body = {
      z: [3, undefined, { b: 1, a: [true, null] }],
      a: 'x',
      skipped: undefined,
      when: new Date('2026-01-02T03:04:05.000Z'),
      file: new File(['hello'], 'a.txt', { type: 'text/plain' }),
      '10': 'ten',
      '9': 'nine',
    }
    const fingerprint = await requestFingerprint(
      ctxOf({ params: { id: 7 }, query: { q: 's', p: ['1', '2'] }, body }),
      'POST',
      '/posts/:id',
      true,
    )
    expect(fingerprint).toBe('97255cb64a9a53e82218c7d5b400fe6caf1afa4aa253ce68b3ebd2f41670bcb8')
    const unread = await requestFingerprint(ctxOf({ headers: { 'content-length': '321' } }), 'POST', '/files', false)
    expect(unread).toBe('7815665c73ed386629044c7ae677780d703309e5427b9e31922fbcdf0308c09a')
  })

  it('names one request however its keys are ordered', async () => {
    const one = await requestFingerprint(ctxOf({ body: { a: 1, b: { c: 2, d: 3 } } }), 'POST', '/p', true)
    const two = await requestFingerprint(ctxOf({ body: { b: { d: 3, c: 2 }, a: 1 } }), 'POST', '/p', true)
    expect(one).toBe(two)
  })
})
