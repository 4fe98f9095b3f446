import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, post, validation } from '../../../src/core'
import { testClient } from '../../../src/core/testing'
import { problem } from '../helpers'

const everything = post(
  '/items/:id/:tag',
  {
    params: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)), tag: v.pipe(v.string(), v.uuid()) }),
    query: v.object({ ids: v.array(v.number()), flag: v.optional(v.boolean(), false), q: v.optional(v.string()) }),
    headers: v.object({ 'x-trace': v.pipe(v.string(), v.minLength(3)) }),
    cookies: v.object({ session: v.string() }),
    body: v.object({ name: v.string(), address: v.object({ street: v.string() }) }),
    status: 200,
  },
  ({ params, query, headers, cookies, body }) => ({ params, query, headers, cookies, body }),
)
const form = post(
  '/form',
  {
    bodyType: 'form',
    body: v.object({
      name: v.string(),
      age: v.number(),
      tags: v.optional(v.array(v.string())),
      file: v.optional(v.file()),
    }),
  },
  ({ body }) => ({
    name: body.name,
    age: body.age,
    tags: body.tags,
    file: body.file ? { name: body.file.name, size: body.file.size } : null,
  }),
)
const proto = post('/proto', { body: v.record(v.string(), v.unknown()) }, ({ body }) => ({
  keys: Object.keys(body),
  polluted: ({} as Record<string, unknown>).polluted ?? null,
}))
const app = createApp({ plugins: [validation()], handlers: [everything, form, proto, get('/plain', () => 'text')] })
const uuid = '6f1c1c0e-3d4a-4b1e-9c2a-1d2e3f4a5b6c'

describe('inputs: declared, coerced, validated, typed', () => {
  it('delivers every location coerced by the declared type', async () => {
    const res = await testClient(app, { env }).fetch(`/items/42/${uuid}?ids=1&ids=2&flag=true`, {
      method: 'POST',
      headers: { 'x-trace': 'abc', cookie: 'session=s%201; other=x' },
      json: { name: 'n', address: { street: 'Main' }, extra: 'dropped' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      params: { id: 42, tag: uuid },
      query: { ids: [1, 2], flag: true },
      headers: { 'x-trace': 'abc' },
      cookies: { session: 's 1' },
      body: { name: 'n', address: { street: 'Main' } },
    })
  })

  it('turns a single value into a one-item array where an array is declared', async () => {
    const res = await testClient(app, { env }).fetch(`/items/1/${uuid}?ids=7`, {
      method: 'POST',
      headers: { 'x-trace': 'abc', cookie: 'session=s' },
      json: { name: 'n', address: { street: 'x' } },
    })
    expect(((await res.json()) as { query: { ids: number[] } }).query.ids).toEqual([7])
  })

  it('answers invalid path parameters alone, before anything else of the request is read', async () => {
    const res = await testClient(app, { env }).fetch('/items/0/not-a-uuid?ids=x&flag=maybe', {
      method: 'POST',
      headers: { 'x-trace': 'a' },
      json: { name: 5, address: {} },
    })
    expect(res.status).toBe(400)
    const body = (await problem(res)) as { errors: { in: string; pointer: string }[] }
    expect(body.errors.map((e) => `${e.in} ${e.pointer}`)).toEqual(['path /id', 'path /tag'])
  })

  it('lists every other problem in every location at once, with pointers', async () => {
    const res = await testClient(app, { env }).fetch(`/items/1/${uuid}?ids=x&flag=maybe`, {
      method: 'POST',
      headers: { 'x-trace': 'a' },
      json: { name: 5, address: {} },
    })
    expect(res.status).toBe(400)
    const body = (await problem(res)) as { errors: { in: string; name: string; pointer: string; message: string }[] }
    const where = body.errors.map((e) => `${e.in} ${e.pointer}`)
    expect(where).toEqual([
      'query /ids/0',
      'query /flag',
      'header /x-trace',
      'cookie /session',
      'body /name',
      'body /address/street',
    ])
    expect(body.errors.find((e) => e.pointer === '/address/street')).toMatchObject({
      name: 'address.street',
      message: 'is required',
    })
    expect(body.errors.find((e) => e.in === 'cookie')).toMatchObject({ name: 'session', message: 'is required' })
  })

  it('refuses repeated keys where one value is declared, and non-integers for integers', async () => {
    const send = (id: string) =>
      testClient(app, { env }).fetch(`/items/${id}/${uuid}?ids=1&q=a&q=b`, {
        method: 'POST',
        headers: { 'x-trace': 'abc', cookie: 'session=s' },
        json: { name: 'n', address: { street: 'x' } },
      })
    const names = async (res: Response) =>
      ((await problem(res)) as { errors: { in: string; name: string }[] }).errors.map((e) => `${e.in}:${e.name}`)
    expect(await names(await send('1.5'))).toEqual(['path:id'])
    expect(await names(await send('1'))).toEqual(['query:q'])
  })

  it('reads repeated query keys in linear time and refuses more than 256 parameters', async () => {
    const many = await testClient(app, { env }).fetch(
      `/items/1/${uuid}?${Array.from({ length: 256 }, () => 'ids=1').join('&')}`,
      {
        method: 'POST',
        headers: { 'x-trace': 'abc', cookie: 'session=s' },
        json: { name: 'n', address: { street: 'x' } },
      },
    )
    expect(((await many.json()) as { query: { ids: number[] } }).query.ids).toHaveLength(256)
    const flood = await testClient(app, { env }).fetch(`/items/1/${uuid}?${'ids=1&'.repeat(30_000)}`, {
      method: 'POST',
      headers: { 'x-trace': 'abc', cookie: 'session=s' },
      json: { name: 'n', address: { street: 'x' } },
    })
    expect(flood.status).toBe(400)
    expect(await problem(flood)).toMatchObject({ detail: 'query has more than 256 parameters' })
  })

  it('reads urlencoded and multipart forms, files included', async () => {
    const urlencoded = await testClient(app, { env }).fetch('/form', {
      method: 'POST',
      body: 'name=Ann&age=31&tags=a&tags=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(await urlencoded.json()).toEqual({ name: 'Ann', age: 31, tags: ['a', 'b'], file: null })
    const data = new FormData()
    data.set('name', 'Bo')
    data.set('age', '7')
    data.set('file', new File(['hello'], 'hello.txt', { type: 'text/plain' }))
    const multipart = await testClient(app, { env }).fetch('/form', { method: 'POST', body: data })
    expect(await multipart.json()).toEqual({ name: 'Bo', age: 7, file: { name: 'hello.txt', size: 5 } })
  })

  it('drops __proto__ keys from records and pollutes no prototype', async () => {
    const res = await testClient(app, { env }).fetch('/proto', {
      method: 'POST',
      body: '{"__proto__": {"polluted": true}, "a": 1}',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ keys: ['a'], polluted: null })
  })

  it('sends a string result without a response schema as text', async () => {
    const res = await testClient(app, { env }).fetch('/plain')
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await res.text()).toBe('text')
  })
})
