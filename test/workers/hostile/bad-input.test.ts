import { describe, expect, it } from 'vitest'
import { credentialsFor } from './credentials'
import { badTexts, badValues } from './mutations'
import { deref, type Operation, operations } from './operations'
import { baseline, encode, send } from './send'
import { snapshot } from './snapshot'

interface Case {
  label: string
  field?: string
  url: string
  init: RequestInit
}

const MB = 1024 * 1024

function casesFor(op: Operation, auth: Record<string, string>): Case[] {
  const base = baseline(op)
  const cases: Case[] = []
  const withBody = (body: BodyInit | null, headers: Record<string, string>): RequestInit => ({
    method: op.method,
    headers: { ...base.headers, ...auth, ...headers },
    body,
  })
  const validBody = op.body ? encode(op.body.contentType, base.body) : undefined
  const init = (): RequestInit => withBody(validBody?.body ?? null, validBody?.headers ?? {})

  for (const p of op.parameters) {
    for (const bad of badTexts(p.schema)) {
      if (p.in === 'path') {
        const path = { ...base.path, [p.name]: encodeURIComponent(String(bad.value)) }
        const url =
          op.path.replace(/\{(\w+)\}/g, (_, n: string) => path[n] ?? '1') + (base.query.size ? `?${base.query}` : '')
        if (bad.value === '') continue // an empty segment is another path, not a bad parameter
        cases.push({ label: `path ${p.name}: ${bad.label}`, field: p.name, url, init: init() })
      } else if (p.in === 'query') {
        const q = new URLSearchParams(base.query)
        q.set(p.name, String(bad.value))
        cases.push({
          label: `query ${p.name}: ${bad.label}`,
          field: p.name,
          url: `${op.path.replace(/\{(\w+)\}/g, (_, n: string) => base.path[n] ?? '1')}?${q}`,
          init: init(),
        })
      }
    }
    if (p.in === 'query' && (p.schema as { type?: string }).type !== 'array') {
      const q = new URLSearchParams(base.query)
      q.append(p.name, 'a')
      q.append(p.name, 'b')
      cases.push({
        label: `query ${p.name}: repeated`,
        field: p.name,
        url: `${base.url().split('?')[0]}?${q}`,
        init: init(),
      })
    }
    if (p.required && p.in !== 'path') {
      const q = new URLSearchParams(base.query)
      q.delete(p.name)
      const headers = { ...base.headers }
      delete headers[p.name]
      cases.push({
        label: `${p.in} ${p.name}: missing`,
        field: p.name,
        url: `${base.url().split('?')[0]}${q.size ? `?${q}` : ''}`,
        init: { ...init(), headers: { ...headers, ...auth, ...(validBody?.headers ?? {}) } },
      })
    }
  }

  if (op.body?.contentType === 'application/json') {
    const url = base.url()
    const json = { 'content-type': 'application/json' }
    const raw = (label: string, body: BodyInit | null, headers: Record<string, string> = json) =>
      cases.push({ label: `body: ${label}`, url, init: withBody(body, headers) })
    if (op.body.required) {
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
    const schema = op.body.schema
    const props = Object.entries((schema.$ref ? undefined : schema.properties) ?? derefProps(schema))
    const required = new Set(derefRequired(schema))
    const object = base.body as Record<string, unknown>
    for (const [name, prop] of props) {
      if (required.has(name)) {
        const { [name]: _, ...rest } = object
        cases.push({ label: `body ${name}: missing`, field: name, url, init: withBody(JSON.stringify(rest), json) })
      }
      for (const bad of badValues(prop)) {
        cases.push({
          label: `body ${name}: ${bad.label}`,
          field: name,
          url,
          init: withBody(JSON.stringify({ ...object, [name]: bad.value }), json),
        })
      }
    }
    if (derefStrict(schema)) {
      for (const key of ['__proto__', 'constructor', 'prototype', 'unexpectedField']) {
        const text = `${JSON.stringify(object).slice(0, -1)}${Object.keys(object).length ? ',' : ''}"${key}":{"polluted":true}}`
        cases.push({ label: `body: extra key ${key}`, field: key, url, init: withBody(text, json) })
      }
    }
  }
  return cases
}

const derefProps = (s: Parameters<typeof deref>[0]) => deref(s).properties ?? {}
const derefRequired = (s: Parameters<typeof deref>[0]) => deref(s).required ?? []
const derefStrict = (s: Parameters<typeof deref>[0]) => deref(s).additionalProperties === false

describe('hostile input: every malformed request is a 4xx problem naming the field, and changes nothing', () => {
  for (const op of operations) {
    it(`${op.method} ${op.path}`, async () => {
      const auth = await credentialsFor(op)
      const cases = casesFor(op, auth)
      const before = await snapshot()
      const failures: string[] = []
      for (const c of cases) {
        const res = await send(c.url, c.init)
        const type = res.headers.get('content-type')
        const text = await res.text()
        if (res.status < 400 || res.status >= 500 || type !== 'application/problem+json') {
          failures.push(`${c.label}: ${res.status} ${type} ${text.slice(0, 200)}`)
          continue
        }
        if (!(String(res.status) in op.responses)) failures.push(`${c.label}: status ${res.status} is not documented`)
        const problem = JSON.parse(text) as { status: number; errors?: { name: string; pointer: string }[] }
        if (problem.status !== res.status)
          failures.push(`${c.label}: problem status ${problem.status} on a ${res.status}`)
        if (
          res.status === 400 &&
          c.field &&
          problem.errors &&
          !problem.errors.some((e) => e.name === c.field || e.pointer.startsWith(`/${c.field}`))
        ) {
          failures.push(`${c.label}: the problem does not name "${c.field}": ${text.slice(0, 200)}`)
        }
      }
      expect(failures).toEqual([])
      expect(await snapshot()).toBe(before)
    }, 120_000)
  }
})
