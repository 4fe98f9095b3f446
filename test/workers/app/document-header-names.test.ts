import { describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'

type Json = Record<string, unknown>
interface Header {
  name: string
  where: string
  schema: Json | undefined
}

/** Every header the committed document names: header parameters, response headers, header API keys. */
function headersOf(node: unknown, where: string, out: Header[]): Header[] {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) headersOf(n, `${where}/${i}`, out)
    return out
  }
  if (node === null || typeof node !== 'object') return out
  const o = node as Json
  if (o.in === 'header' && typeof o.name === 'string') out.push({ name: o.name, where, schema: o.schema as Json })
  if (o.headers && typeof o.headers === 'object')
    for (const [name, h] of Object.entries(o.headers as Record<string, Json>))
      out.push({ name, where: `${where}/headers`, schema: h.schema as Json | undefined })
  for (const [k, v] of Object.entries(o)) headersOf(v, `${where}/${k}`, out)
  return out
}

const headers = headersOf(document, '#', [])

describe('header names in the committed OpenAPI document', () => {
  it('finds the headers it checks', () => {
    expect(headers.length).toBeGreaterThan(20)
    expect(headers.map((h) => h.name)).toEqual(expect.arrayContaining(['If-None-Match', 'If-Match', 'ETag']))
  })

  it('spells each header one way everywhere', () => {
    const spellings = new Map<string, Set<string>>()
    for (const { name } of headers) {
      const key = name.toLowerCase()
      spellings.set(key, (spellings.get(key) ?? new Set()).add(name))
    }
    const mixed = [...spellings.values()].filter((s) => s.size > 1).map((s) => [...s].join(' / '))
    expect(mixed).toEqual([])
  })

  it('spells each header the HTTP canonical way: words capitalised, ETag and RateLimit as registered', () => {
    const word = /^(?:[A-Z][a-z0-9]*|[A-Z0-9]+|ETag|RateLimit)$/
    const odd = headers.filter((h) => !h.name.split('-').every((w) => word.test(w))).map((h) => h.name)
    expect([...new Set(odd)]).toEqual([])
  })

  it('types Content-Length as a non-negative integer wherever it appears', () => {
    const lengths = headers.filter((h) => h.name.toLowerCase() === 'content-length')
    expect(lengths.length).toBeGreaterThan(0)
    for (const h of lengths) expect(h.schema, h.where).toMatchObject({ type: 'integer', minimum: 0 })
  })
})
