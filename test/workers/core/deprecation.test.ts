import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, deprecation, get, notFound, router, validation } from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'
import { testClient } from '../../../src/core/testing'

// The parts of the document these tests read.
type ResponseDoc = { $ref?: string; headers?: Record<string, unknown> }
type Operation = { deprecated?: boolean; description?: string; responses: Record<string, ResponseDoc> }
type Doc = { paths: Record<string, { get: Operation }>; components: { responses: Record<string, ResponseDoc> } }

const Item = v.object({ id: v.number() })
const since = '2026-01-01T00:00:00Z'
const sunset = '2026-07-01'
const v1 = router({
  path: '/v1',
  deprecated: deprecation({ since, sunset, link: 'https://example.com/migrate', sunsetLink: '/docs/sunset' }),
  handlers: [
    get('/items/:id', { params: v.object({ id: v.string() }), response: Item, errors: [404] }, ({ params }) =>
      params.id === '1' ? { id: 1 } : notFound('No item'),
    ),
    // The nearest layer wins: this one route of the deprecated router is not deprecated.
    get('/health', { deprecated: false, response: Item }, () => ({ id: 0 })),
    get('/flagged', { deprecated: true, response: Item }, () => ({ id: 2 })),
  ],
})
const app = createApp({
  plugins: [validation()],
  handlers: [v1, get('/v2/items', { response: Item }, () => ({ id: 1 }))],
})
const document = generateDocument(app, { title: 't', version: '1' }) as unknown as Doc
const client = testClient(app, { env })

describe('deprecated and sunset on any layer', () => {
  it('answers every response of a deprecated route with Deprecation, Sunset and Link, errors included', async () => {
    for (const path of ['/v1/items/1', '/v1/items/2']) {
      const response = await client.fetch(path)
      expect(response.headers.get('deprecation')).toBe(`@${Date.parse(since) / 1000}`)
      expect(response.headers.get('sunset')).toBe('Wed, 01 Jul 2026 00:00:00 GMT')
      expect(response.headers.get('link')).toBe(
        '<https://example.com/migrate>; rel="deprecation", </docs/sunset>; rel="sunset"',
      )
    }
    expect((await client.fetch('/v1/items/2')).status).toBe(404)
  })

  it('lets an inner layer undo an outer deprecation, and `true` mark the document only (RFC 9745 needs a date)', async () => {
    for (const path of ['/v1/health', '/v1/flagged', '/v2/items']) {
      const response = await client.fetch(path)
      expect([...response.headers.keys()].filter((h) => ['deprecation', 'sunset', 'link'].includes(h))).toEqual([])
    }
    expect(document.paths['/v1/health']?.get.deprecated).toBeUndefined()
    expect(document.paths['/v2/items']?.get.deprecated).toBeUndefined()
    expect(document.paths['/v1/flagged']?.get).toMatchObject({ deprecated: true, description: 'Deprecated.' })
  })

  it('marks the operation deprecated, says the sunset date and declares the headers on every response', () => {
    const op = document.paths['/v1/items/{id}']!.get
    expect(op.deprecated).toBe(true)
    expect(op.description).toContain('Deprecated since 2026-01-01. Sunset on 2026-07-01')
    for (const status of ['200', '400', '404', '500']) {
      const response = op.responses[status]
      const headers = response?.$ref
        ? document.components.responses[response.$ref.split('/').pop() ?? '']?.headers
        : response?.headers
      expect(Object.keys(headers ?? {})).toEqual(expect.arrayContaining(['Deprecation', 'Sunset', 'Link']))
    }
  })

  it('takes the option on the app layer too, and keeps the headers on HEAD', async () => {
    const whole = createApp({
      plugins: [validation()],
      deprecated: deprecation({ since }),
      handlers: [get('/x', { response: Item }, () => ({ id: 1 }))],
    })
    const head = await testClient(whole, { env }).fetch('/x', { method: 'HEAD' })
    expect(head.headers.get('deprecation')).toBe(`@${Date.parse(since) / 1000}`)
    const doc = generateDocument(whole, { title: 't', version: '1' }) as unknown as Doc
    expect(doc.paths['/x']?.get.deprecated).toBe(true)
  })

  it('refuses a sunset before the deprecation, a date that does not parse, and a link that breaks the header', () => {
    const notice = (options: Parameters<typeof deprecation>[0]) => () => deprecation(options)
    expect(notice({ since: '2026-07-01', sunset: '2026-01-01' })).toThrow(
      /deprecation\(\) sets sunset \(2026-01-01T00:00:00.000Z\) before since/,
    )
    expect(notice({ since: 'next tuesday' })).toThrow(
      /deprecation\(\) sets since to "next tuesday", which is not a date/,
    )
    expect(notice({ sunset: '2026-02-30x' })).toThrow(/sets sunset .* not a date/)
    expect(notice({ sunset: new Date(Number.NaN) })).toThrow(/sets sunset .* not a date/)
    expect(notice({ link: 'https://a.example/>; rel="next"' })).toThrow(/sets link .* not a URI reference/)
    expect(notice({ link: 'https://a.example/\r\nSet-Cookie: x=1' })).toThrow(/sets link .* not a URI reference/)
    expect(notice({ sunsetLink: '<x>' })).toThrow(/sets sunsetLink .* not a URI reference/)
    expect(notice({ since: new Date('2026-01-01'), sunset: new Date('2026-01-01') })).not.toThrow()
  })

  it('refuses at build a deprecation written by hand: never a silent no-op', () => {
    const build =
      (deprecated: unknown, where: 'router' | 'spec' = 'router') =>
      () =>
        createApp({
          plugins: [validation()],
          handlers: [
            where === 'router'
              ? router({ path: '/old', deprecated: deprecated as true, handlers: [get('/x', () => 1)] })
              : get('/old/x', { deprecated: deprecated as true }, () => 1),
          ],
        })
    for (const where of ['router', 'spec'] as const) {
      expect(build({ since: '2026-01-01' }, where)).toThrow(
        /Route GET \/old\/x sets deprecated to \{"since":"2026-01-01"\}, which deprecation\(\) did not make: use deprecation\(\) or true/,
      )
      expect(build('yes', where)).toThrow(/Route GET \/old\/x sets deprecated to "yes"/)
      expect(build({ facts: { headers: { deprecation: '@0' } } }, where)).toThrow(/did not make/)
    }
    expect(() =>
      createApp({
        plugins: [validation()],
        // @ts-expect-error: a plain object is not a deprecation; deprecation() makes one.
        handlers: [router({ path: '/old', deprecated: { since: '2026-01-01' }, handlers: [get('/x', () => 1)] })],
      }),
    ).toThrow(/did not make/)
  })
})
