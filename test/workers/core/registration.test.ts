import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, type Guard, get, post, router, validation } from '../../../src/core'
import { testClient } from '../../../src/core/testing'

const ok = () => ({ ok: true })

describe('building an app refuses what cannot be served, before any request', () => {
  it('refuses a method and path registered twice, however the routers spell it', () => {
    expect(() =>
      createApp({
        plugins: [validation()],
        handlers: [get('/a/b', ok), router({ path: '/a', handlers: [get('/b/', ok)] })],
      }),
    ).toThrow('Route GET /a/b is registered twice')
  })

  it('refuses an operationId declared twice', () => {
    const handlers = [get('/a', { operationId: 'same' }, ok), get('/b', { operationId: 'same' }, ok)]
    expect(() => createApp({ plugins: [validation()], handlers })).toThrow(
      'operationId "same" of GET /b is already used',
    )
  })

  it('refuses a body on a GET route, which nothing would read', () => {
    expect(() => createApp({ plugins: [validation()], handlers: [get('/a', { body: v.object({}) }, ok)] })).toThrow(
      'Route GET /a declares a body, which a GET handler does not read',
    )
  })
})

describe('operationIds: declared ones as given, the others made from method and path', () => {
  const ids = (handlers: Parameters<typeof createApp>[0]['handlers']) =>
    createApp({ plugins: [validation()], handlers }).routes.map((r) => r.info.operationId)

  it('numbers made ids that would be equal, in route order', () => {
    expect(ids([get('/a-b', ok), get('/a_b', ok), get('/a.b', ok), post('/a-b', ok)])).toEqual([
      'getAB',
      'getAB2',
      'getAB3',
      'postAB',
    ])
  })

  it('lets a declared id win over a made one, wherever the declared route is', () => {
    expect(ids([get('/users', ok), get('/people', { operationId: 'getUsers' }, ok)])).toEqual(['getUsers2', 'getUsers'])
  })

  it('gives guards the route operationId while serving a request', async () => {
    const seen: string[] = []
    const spy: Guard = (ctx, route) => void seen.push(ctx.route?.operationId ?? '', route.operationId)
    const app = createApp({
      plugins: [validation()],
      guards: [spy],
      handlers: [get('/users/:id', ok), get('/users', { operationId: 'list' }, ok)],
    })
    const client = testClient(app, { env })
    expect((await client.fetch('/users/7')).status).toBe(200)
    expect((await client.fetch('/users')).status).toBe(200)
    expect(seen).toEqual(['getUsersById', 'getUsersById', 'list', 'list'])
  })
})

describe('each route is prepared on its first request, and answers alike after', () => {
  it('serves the first and later requests of every route the same, among a thousand', async () => {
    const routers = Array.from({ length: 100 }, (_, i) =>
      router({
        path: `/r${i}`,
        handlers: Array.from({ length: 10 }, (_, j) => get(`/item${j}/:id`, () => ({ i, j }))),
      }),
    )
    const client = testClient(createApp({ plugins: [validation()], handlers: routers }), { env })
    for (const path of ['/r99/item9/1', '/r0/item0/1', '/r99/item9/2', '/r50/item3/x/']) {
      const res = await client.fetch(path)
      expect(res.status, path).toBe(200)
      const [, i, j] = /^\/r(\d+)\/item(\d+)\//.exec(path)!
      expect(await res.json(), path).toEqual({ i: Number(i), j: Number(j) })
    }
    expect((await client.fetch('/r99/item10/1')).status).toBe(404)
  })
})
