import type { Baseline } from './baseline'
import type { Case } from './case'
import { badTexts, badValues } from './mutations'
import { deref, type Operation } from './operations'

const MB = 1024 * 1024

/** Malformed path, query and header parameters and JSON bodies, derived from the document's schemas. */
export function inputCases(op: Operation, base: Baseline): Case[] {
  const init = base.init
  const cases: Case[] = []
  const pathWith = (values: Record<string, string>) => op.path.replace(/\{(\w+)\}/g, (_, n: string) => values[n] ?? '1')
  const withQuery = (q: URLSearchParams) => `${pathWith(base.path)}${q.size ? `?${q}` : ''}`

  for (const p of op.parameters) {
    for (const bad of badTexts(p.schema)) {
      if (p.in === 'path') {
        if (bad.value === '') continue // an empty segment is another path, not a bad parameter
        const url = `${pathWith({ ...base.path, [p.name]: encodeURIComponent(String(bad.value)) })}${base.query.size ? `?${base.query}` : ''}`
        cases.push({ label: `path ${p.name}: ${bad.label}`, field: p.name, url, init: init() })
      } else if (p.in === 'query') {
        const q = new URLSearchParams(base.query)
        q.set(p.name, String(bad.value))
        cases.push({ label: `query ${p.name}: ${bad.label}`, field: p.name, url: withQuery(q), init: init() })
      }
    }
    if (p.in === 'query') cases.push(...repeated(op, p.name, base, withQuery))
    if (p.required && p.in !== 'path') {
      const q = new URLSearchParams(base.query)
      q.delete(p.name)
      const headers = new Headers(init().headers)
      headers.delete(p.name)
      cases.push({
        label: `${p.in} ${p.name}: missing`,
        field: p.name,
        url: withQuery(q),
        init: { ...init(), headers },
      })
    }
  }
  if (op.body?.contentType === 'application/json') cases.push(...jsonCases(op, base))
  return cases
}

/** A query key sent twice: a 400 naming it, unless its schema is an array, when it means two items. */
function repeated(op: Operation, name: string, base: Baseline, withQuery: (q: URLSearchParams) => string): Case[] {
  const init = base.init
  const param = op.parameters.find((p) => p.name === name)!
  const isArray = deref(param.schema).type === 'array'
  // An array parameter's sample is a list: one of its items is the value to repeat.
  const sampled = base.query.get(name) ?? base.sample(param.schema)
  const value = Array.isArray(sampled) ? sampled[0] : sampled
  const twice = new URLSearchParams(base.query)
  twice.delete(name)
  twice.append(name, String(value))
  twice.append(name, String(value))
  const once = new URLSearchParams(base.query)
  once.set(name, String(value))
  if (isArray)
    return [
      {
        label: `query ${name}: repeated`,
        url: withQuery(twice),
        init: init(),
        like: { url: withQuery(once), init: init() },
      },
    ]
  const differing = new URLSearchParams(base.query)
  differing.delete(name)
  differing.append(name, 'a')
  differing.append(name, 'b')
  return [
    { label: `query ${name}: repeated with one valid value`, field: name, url: withQuery(twice), init: init() },
    { label: `query ${name}: repeated with two values`, field: name, url: withQuery(differing), init: init() },
  ]
}

function jsonCases(op: Operation, base: Baseline): Case[] {
  const cases: Case[] = []
  const url = base.url()
  const json = { 'content-type': 'application/json' }
  const raw = (label: string, body: BodyInit | null, headers: Record<string, string> = json) =>
    cases.push({ label: `body: ${label}`, url, init: base.withBody(body, headers) })
  if (op.body!.required) {
    raw('missing', null)
    raw('empty', '')
    raw('whitespace only', '   \n')
  }
  raw('null', 'null')
  raw('an array', '[]')
  raw('a string', '"text"')
  raw('truncated', JSON.stringify(base.body).slice(0, -3))
  raw('NaN literal', '{"value": NaN}')
  raw('invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))
  raw('10,000-level nested arrays', `${'['.repeat(10_000)}${']'.repeat(10_000)}`)
  raw('10,000-level nested objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)
  raw('over the body limit', `{"pad":"${'x'.repeat(MB + 10)}"}`)
  raw('wrong Content-Type', JSON.stringify(base.body), { 'content-type': 'text/plain' })
  raw('no Content-Type', JSON.stringify(base.body), {})
  const schema = deref(op.body!.schema)
  const required = new Set(schema.required ?? [])
  const object = base.body as Record<string, unknown>
  const withJson = (text: string) => base.withBody(text, json)
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (required.has(name)) {
      const { [name]: _, ...rest } = object
      cases.push({ label: `body ${name}: missing`, field: name, url, init: withJson(JSON.stringify(rest)) })
    }
    for (const bad of badValues(prop))
      cases.push({
        label: `body ${name}: ${bad.label}`,
        field: name,
        url,
        init: withJson(JSON.stringify({ ...object, [name]: bad.value })),
      })
  }
  if (schema.additionalProperties === false) {
    for (const key of ['__proto__', 'constructor', 'prototype', 'unexpectedField']) {
      const text = `${JSON.stringify(object).slice(0, -1)}${Object.keys(object).length ? ',' : ''}"${key}":{"polluted":true}}`
      cases.push({ label: `body: extra key ${key}`, field: key, url, init: withJson(text) })
    }
  }
  return cases
}
