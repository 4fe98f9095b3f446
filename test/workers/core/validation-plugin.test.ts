import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, type Plugin, post, router, validation } from '../../../src/core'
import { testClient } from '../../../src/core/testing'

const ok = () => ({ ok: true })
const Id = v.object({ id: v.pipe(v.number(), v.integer()) })
const hint = 'add validation() to createApp({ plugins })'

describe('validation(): the plugin that checks the schemas', () => {
  // Every schema a route can declare, each in an app without the plugin: the build names route, schema and plugin.
  const schemas: [string, object][] = [
    ['params', { params: Id }],
    ['query', { query: v.object({ q: v.string() }) }],
    ['headers', { headers: v.object({ 'x-a': v.string() }) }],
    ['cookies', { cookies: v.object({ a: v.string() }) }],
    ['body', { body: v.object({ a: v.string() }) }],
    ['response', { response: v.object({ ok: v.boolean() }) }],
  ]
  for (const [option, spec] of schemas)
    it(`refuses a route declaring ${option} in an app without it, naming route, schema and plugin`, () => {
      expect(() => createApp({ handlers: [post('/x/:id', spec, ok)] })).toThrow(
        `Route POST /x/:id sets the option "${option}", which no registered plugin owns: ${hint}`,
      )
      expect(() => createApp({ plugins: [validation()], handlers: [post('/x/:id', spec, ok)] })).not.toThrow()
    })

  it("refuses a router's params without it, naming the router", () => {
    const handlers = [router({ path: '/posts/:id', params: Id, handlers: [get('/', ok)] })]
    expect(() => createApp({ handlers })).toThrow(
      `Route GET /posts/:id sets the option "params" (on the router at /posts/:id), which no registered plugin owns: ${hint}`,
    )
    expect(createApp({ plugins: [validation()], handlers }).routes[0]!.spec.params).toBe(Id)
  })

  it('validates with it: params coerced, every input problem in one 400, the result checked against its schema', async () => {
    const show = get(
      '/things/:id',
      { params: Id, query: v.object({ full: v.optional(v.boolean()) }), response: v.object({ id: v.number() }) },
      ({ params, query }) => ({ id: params.id, extra: query.full }),
    )
    const client = testClient(createApp({ plugins: [validation()], handlers: [show] }), { env })
    const good = await client.fetch('/things/7?full=true')
    expect([good.status, await good.json()]).toEqual([200, { id: 7 }])
    for (const [url, where] of [
      ['/things/x', 'path id'],
      ['/things/7?full=maybe', 'query full'],
    ]) {
      const bad = await client.fetch(url!)
      expect(bad.status).toBe(400)
      expect(bad.headers.get('content-type')).toBe('application/problem+json')
      const problem = (await bad.json()) as { errors: { in: string; name: string }[] }
      expect(problem.errors.map((e) => `${e.in} ${e.name}`)).toEqual([where])
    }
  })

  it('leaves an app without schemas its decoded path params as strings, and a malformed encoding a 400 naming it', async () => {
    const echo = get('/names/:name', ({ params }) => params)
    const client = testClient(createApp({ handlers: [echo] }), { env })
    const res = await client.fetch('/names/J%C3%BCrgen%20M')
    expect([res.status, await res.json()]).toEqual([200, { name: 'Jürgen M' }])
    const bad = await client.fetch('/names/%E0%A4%A')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { detail: string }).detail).toBe(
      'path parameter "name" is not valid percent-encoding',
    )
  })

  it('answers a result as it is without it: a string as text, anything else as JSON', async () => {
    const client = testClient(
      createApp({
        handlers: [get('/text', () => 'hi'), get('/json', () => ({ a: 1 })), post('/none', () => undefined)],
      }),
      { env },
    )
    const text = await client.fetch('/text')
    expect([text.headers.get('content-type'), await text.text()]).toEqual(['text/plain; charset=utf-8', 'hi'])
    expect(await (await client.fetch('/json')).json()).toEqual({ a: 1 })
    expect((await client.fetch('/none', { method: 'POST' })).status).toBe(201)
  })

  it('refuses two validators, and a plugin without one claiming params', () => {
    const { validator } = validation()
    const other: Plugin = { name: 'other', validator }
    for (const second of [validation(), other])
      expect(() => createApp({ plugins: [validation(), second], handlers: [] })).toThrow('Two plugins have a validator')
    const greedy: Plugin = { name: 'greedy', options: { params: 'nearest' } }
    expect(() => createApp({ plugins: [greedy], handlers: [] })).toThrow(
      'Plugin greedy claims the option "params", which the kernel owns',
    )
  })

  it('still refuses a params schema naming a parameter its path lacks', () => {
    expect(() => createApp({ plugins: [validation()], handlers: [get('/things', { params: Id }, ok)] })).toThrow(
      'Route GET /things declares the path parameter "id", which its path lacks',
    )
  })
})

describe("a plugin's own merge rule", () => {
  it('merges its option by the function it gives, outer and inner', () => {
    const seen: unknown[] = []
    const audit: Plugin = {
      name: 'audit',
      options: {
        audit: (outer: string[] | undefined, inner: string[] | undefined) => [...(outer ?? []), ...(inner ?? []), '|'],
      },
      stages: (route) => {
        seen.push((route.config as { audit?: unknown }).audit)
        return []
      },
    }
    const spec = { audit: ['route'] } as object
    createApp({
      plugins: [audit],
      handlers: [router({ path: '/r', audit: ['router'], handlers: [get('/x', spec, ok)] } as never)],
    })
    expect(seen).toEqual([['router', '|', 'route', '|']])
  })
})
