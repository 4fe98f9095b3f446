import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, notFound, patch, post, router, validation } from '../../../src/core'
import { responseCache } from '../../../src/core/cache'
import { rateLimit } from '../../../src/core/rate-limit'
import { kvStore, memoryStore } from '../../../src/core/stores'
import { testClient } from '../../../src/core/testing'

const Item = v.object({ id: v.number(), name: v.string() })
const Id = v.object({ id: v.pipe(v.number(), v.integer()) })

/** A small app with cached reads and purging writes over an in-test table, counting handler runs. */
function itemsApp(namespace: string) {
  const rows = new Map<number, string>([
    [1, 'one'],
    [2, 'two'],
  ])
  const runs = { list: 0, one: 0, me: 0 }
  const store = kvStore({ binding: (env) => env.CACHE, namespace })
  const items = router({
    path: '/items',
    cache: { ttl: 120, tags: ['items'] },
    handlers: [
      get('/', { response: v.array(Item) }, () => {
        runs.list++
        return [...rows].map(([id, name]) => ({ id, name }))
      }),
      get(
        '/:id',
        { params: Id, response: Item, errors: [404], cache: { ttl: 120, tags: ['item:{id}'] } },
        ({ params }) => {
          runs.one++
          const name = rows.get(params.id) ?? notFound(`Item ${params.id} not found`)
          return { id: params.id, name }
        },
      ),
      patch(
        '/:id',
        { params: Id, body: v.object({ name: v.string() }), cache: { purge: ['items', 'item:{id}'] } },
        ({ params, body }) => {
          rows.set(params.id, body.name)
          return { id: params.id, name: body.name }
        },
      ),
      post('/', { body: Item, cache: { purge: ['items'] } }, ({ body }) => {
        rows.set(body.id, body.name)
        return body
      }),
    ],
  })
  const me = get('/me', { cache: { ttl: 60, varyBy: ['user'] } }, ({ request }) => {
    runs.me++
    return { caller: request.headers.get('authorization') ?? 'anonymous' }
  })
  const app = createApp({
    handlers: [items, me],
    plugins: [
      validation(),
      responseCache({ store, user: ({ request }) => request.headers.get('authorization')?.replace('Bearer ', '') }),
    ],
  })
  return { app, runs }
}

describe('response cache on KV', () => {
  it('answers MISS, stores the response, then answers HIT without running the handler', async () => {
    const { app, runs } = itemsApp('miss-hit')
    const first = await testClient(app, { env }).fetch('/items/1')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-status')).toBe('edgestar; fwd=uri-miss; stored')
    const body = await first.json()
    const second = await testClient(app, { env }).fetch('/items/1')
    expect(second.headers.get('cache-status')).toMatch(/^edgestar; hit; ttl=(119|120)$/)
    expect(await second.json()).toEqual(body)
    expect(second.headers.get('content-type')).toBe('application/json')
    expect(runs.one).toBe(1)
  })

  it('gives cacheable responses an ETag and Cache-Control, and answers a matching If-None-Match with 304', async () => {
    const { app } = itemsApp('etag')
    const miss = await testClient(app, { env }).fetch('/items/2')
    const etag = miss.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(miss.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')
    const hit = await testClient(app, { env }).fetch('/items/2')
    expect(hit.headers.get('etag')).toBe(etag)
    const revalidated = await testClient(app, { env }).fetch('/items/2', { headers: { 'if-none-match': etag! } })
    expect(revalidated.status).toBe(304)
    expect(await revalidated.text()).toBe('')
    expect(revalidated.headers.get('etag')).toBe(etag)
  })

  it('keys by sorted query, so reordered parameters share an entry and different ones do not', async () => {
    const { app, runs } = itemsApp('query')
    await testClient(app, { env }).fetch('/items?a=1&b=2')
    expect((await testClient(app, { env }).fetch('/items?b=2&a=1')).headers.get('cache-status')).toMatch(/hit/)
    expect((await testClient(app, { env }).fetch('/items?a=2')).headers.get('cache-status')).toMatch(/uri-miss/)
    expect(runs.list).toBe(2)
  })

  it('does not store failures', async () => {
    const { app, runs } = itemsApp('failures')
    expect((await testClient(app, { env }).fetch('/items/99')).status).toBe(404)
    const again = await testClient(app, { env }).fetch('/items/99')
    expect(again.status).toBe(404)
    expect(again.headers.get('cache-status')).toBe('edgestar; fwd=uri-miss')
    expect(runs.one).toBe(2)
  })

  it('purges the changed item and the lists after a write, and leaves other items cached', async () => {
    const { app, runs } = itemsApp('purge')
    for (const path of ['/items', '/items/1', '/items/2']) await testClient(app, { env }).fetch(path)
    const changed = await testClient(app, { env }).fetch('/items/1', { method: 'PATCH', json: { name: 'uno' } })
    expect(changed.status).toBe(200)

    const one = await testClient(app, { env }).fetch('/items/1')
    expect(one.headers.get('cache-status')).toBe('edgestar; fwd=stale; stored')
    expect(await one.json()).toEqual({ id: 1, name: 'uno' })
    const list = await testClient(app, { env }).fetch('/items')
    expect(list.headers.get('cache-status')).toMatch(/fwd=stale/)
    expect(await list.json()).toContainEqual({ id: 1, name: 'uno' })
    expect((await testClient(app, { env }).fetch('/items/2')).headers.get('cache-status')).toMatch(/hit/)
    expect(runs).toMatchObject({ list: 2, one: 3 })
  })

  it('purges the lists after a create, so the new item is listed at once', async () => {
    const { app } = itemsApp('create')
    await testClient(app, { env }).fetch('/items')
    expect(
      (await testClient(app, { env }).fetch('/items', { method: 'POST', json: { id: 3, name: 'three' } })).status,
    ).toBe(201)
    const list = await testClient(app, { env }).fetch('/items')
    expect(list.headers.get('cache-status')).toMatch(/fwd=stale/)
    expect(await list.json()).toContainEqual({ id: 3, name: 'three' })
  })

  it('never serves or fills a shared entry for a request with credentials', async () => {
    const { app, runs } = itemsApp('credentials')
    await testClient(app, { env }).fetch('/items/1')
    const authed = await testClient(app, { env }).fetch('/items/1', { headers: { authorization: 'Bearer alice' } })
    expect(authed.headers.get('cache-status')).toBe('edgestar; fwd=bypass; detail=credentials')
    expect(authed.headers.get('etag')).toBeNull()
    const withCookie = await testClient(app, { env }).fetch('/items/2', { headers: { cookie: 'session=abc' } })
    expect(withCookie.headers.get('cache-status')).toMatch(/bypass/)
    // The credentialed request left nothing behind for anonymous callers.
    expect((await testClient(app, { env }).fetch('/items/2')).headers.get('cache-status')).toMatch(/uri-miss/)
    expect(runs.one).toBe(4)
  })

  it('keeps a private entry per user when the key varies by user', async () => {
    const { app, runs } = itemsApp('per-user')
    const alice = { headers: { authorization: 'Bearer alice' } }
    const bob = { headers: { authorization: 'Bearer bob' } }
    expect((await testClient(app, { env }).fetch('/me', alice)).headers.get('cache-status')).toMatch(/uri-miss/)
    const aliceAgain = await testClient(app, { env }).fetch('/me', alice)
    expect(aliceAgain.headers.get('cache-status')).toMatch(/hit/)
    expect(aliceAgain.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate')
    expect(aliceAgain.headers.get('vary')).toBe('authorization, cookie, x-api-key')
    const bobs = await testClient(app, { env }).fetch('/me', bob)
    expect(bobs.headers.get('cache-status')).toMatch(/uri-miss/)
    expect(await bobs.json()).toEqual({ caller: 'Bearer bob' })
    expect(runs.me).toBe(2)
  })
})

describe('response cache behind the rate limiter', () => {
  it('stores the headers the handler sets, but never the rate-limit headers of the request that filled it', async () => {
    const app = createApp({
      rateLimit: [{ name: 'rl', limit: 10, window: 60, key: 'ip' }],
      handlers: [
        get(
          '/tagged',
          {
            cache: { ttl: 60 },
            successHeaders: {
              etag: { description: 'The handler’s own validator' },
              'x-source': { description: 'Who answered' },
            },
          },
          ({ responseHeaders }) => {
            responseHeaders.set('etag', '"v7"')
            responseHeaders.set('x-source', 'handler')
            return { ok: true }
          },
        ),
      ],
      plugins: [
        validation(),
        rateLimit({ binding: (env) => env.RATE_LIMITER }),
        responseCache({ store: kvStore({ binding: (env) => env.CACHE, namespace: 'layered' }) }),
      ],
    })
    const from = { headers: { 'cf-connecting-ip': '192.0.2.77' } }
    const miss = await testClient(app, { env }).fetch('/tagged', from)
    expect(miss.headers.get('etag')).toBe('"v7"')
    expect(miss.headers.get('ratelimit')).toBe('"rl";r=9;t=60')
    const hit = await testClient(app, { env }).fetch('/tagged', from)
    expect(hit.headers.get('cache-status')).toMatch(/hit/)
    expect(hit.headers.get('etag')).toBe('"v7"')
    expect(hit.headers.get('x-source')).toBe('handler')
    expect(hit.headers.get('ratelimit')).toMatch(/^"rl";r=8;t=(59|60)$/)
  })
})

describe('response cache configuration is checked when the app is built', () => {
  const store = kvStore({ binding: (env) => env.CACHE })
  const route = (cache: object, path = '/x') => get(path, { cache }, () => 'x')

  it('refuses a ttl under the KV minimum of 60 s, naming the route', () => {
    expect(() =>
      createApp({ handlers: [route({ ttl: 30 })], plugins: [validation(), responseCache({ store })] }),
    ).toThrow("Route GET /x cache: ttl 30 s is below this store's minimum of 60 s")
  })

  it('accepts the same short ttl on an in-memory store', () => {
    const app = createApp({
      handlers: [route({ ttl: 30 })],
      plugins: [validation(), responseCache({ store: memoryStore() })],
    })
    expect(app.routes).toHaveLength(1)
  })

  it('refuses a cached GET without a ttl, a tag naming no path parameter, and per-user caching without a user option', () => {
    const build = (h: ReturnType<typeof route>) => () =>
      createApp({ handlers: [h], plugins: [validation(), responseCache({ store })] })
    expect(build(route({ tags: ['a'] }))).toThrow('Route GET /x: cache needs a ttl (seconds)')
    expect(build(route({ ttl: 60, tags: ['item:{id}'] }))).toThrow('uses {id}, which is not a path parameter')
    expect(build(route({ ttl: 60, varyBy: ['user'] }))).toThrow(
      'cache varies by user, but responseCache has no user option',
    )
    expect(build(route({ ttl: 60, maxAge: 600 }))).toThrow(/maxAge must be/)
  })
})
