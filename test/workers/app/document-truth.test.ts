import { describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'
import { apiClient, createUser } from '../kit'

type Json = Record<string, unknown>
const doc = document as unknown as {
  paths: Record<string, Record<string, { responses: Record<string, Json> }>>
  components: { responses: Record<string, Json> }
}
const resolve = (r: Json): Json =>
  typeof r.$ref === 'string' ? (doc.components.responses[r.$ref.split('/').pop()!] as Json) : r
const every = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, op]) =>
    Object.entries(op.responses).map(([status, r]) => ({ at: `${method} ${path} ${status}`, status, r: resolve(r) })),
  ),
)
const headerNames = (r: Json) => Object.keys((r.headers as Json | undefined) ?? {})
const problemExample = (r: Json) =>
  ((r.content as Json | undefined)?.['application/problem+json'] as { example?: { status?: number } } | undefined)
    ?.example

describe('the committed document says what the server sends', () => {
  it('gives each error status an example of that status, in the core’s words', () => {
    for (const { at, status, r } of every) {
      const example = problemExample(r)
      if (example) expect(example.status, at).toBe(Number(status))
    }
    expect(JSON.stringify(document)).not.toContain('User 7 not found')
  })

  it('shows /health’s 503 as a failing status', () => {
    const unavailable = resolve(doc.paths['/health']!.get!.responses['503']!)
    const example = ((unavailable.content as Json)['application/json'] as { example: { status: string } }).example
    expect(example.status).toBe('degraded')
  })

  it('declares the challenge on every 401, Upgrade on every 426, Content-Range on 416, Retry-After on 503', () => {
    for (const [status, header] of [
      ['401', 'WWW-Authenticate'],
      ['426', 'Upgrade'],
      ['416', 'Content-Range'],
      ['503', 'Retry-After'],
    ] as const)
      for (const { at, r } of every.filter((e) => e.status === status && problemExample(e.r)))
        expect(headerNames(r), at).toContain(header)
  })

  it('declares the rate-limit headers on every response of a limited operation, errors included', () => {
    for (const { at, r } of every.filter((e) => !e.at.startsWith('get /rooms/{room} 101')))
      expect(headerNames(r), at).toEqual(expect.arrayContaining(['RateLimit', 'RateLimit-Policy']))
  })

  it('declares the 403 a cross-site page gets from the room upgrade', () => {
    expect(Object.keys(doc.paths['/rooms/{room}']!.get!.responses)).toContain('403')
  })
})

describe('a malformed body is a validation problem like any other 400', () => {
  it('answers malformed JSON with the ValidationProblem shape: one entry at the body’s root', async () => {
    const res = await apiClient().fetch('/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { detail: string; errors: unknown[] }
    expect(body.detail).toMatch(/^Malformed JSON body/)
    expect(body.errors).toEqual([
      { in: 'body', name: '', pointer: '', message: expect.stringMatching(/^is not valid JSON/) },
    ])
  })
})

describe('PATCH takes a JSON merge patch (RFC 7396), as documented', () => {
  it('declares application/merge-patch+json on every PATCH and answers it like application/json', async () => {
    for (const [path, item] of Object.entries(doc.paths))
      if (item.patch)
        expect(
          Object.keys((item.patch as unknown as { requestBody: { content: Json } }).requestBody.content),
          path,
        ).toEqual(['application/json', 'application/merge-patch+json'])
    const admin = await apiClient().as({ role: 'admin' })
    const { user } = await createUser(admin)
    const res = await admin.fetch(`/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ name: 'Merged' }),
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { name: string }).name).toBe('Merged')
  })
})

describe('what a cookie session needs on writes is declared', () => {
  it('lists X-CSRF-Token on every unsafe operation a session cookie may call, and on no read', () => {
    type Op = { security?: Record<string, unknown>[]; parameters?: { name: string; in: string }[] }
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item as unknown as Record<string, Op>)) {
        const cookie = (op.security ?? []).some((r) => 'cookieAuth' in r)
        const declared = (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'X-CSRF-Token')
        expect(declared, `${method} ${path}`).toBe(cookie && !['get', 'head'].includes(method))
      }
  })
})
