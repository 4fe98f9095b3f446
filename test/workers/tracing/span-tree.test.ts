import { env, tracing as runtime } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { api } from '../../../src/app/api'
import { createApp, dependency, get, guard, validation } from '../../../src/core'
import { d1Session, type SqlDatabase } from '../../../src/core/data'
import { requestId } from '../../../src/core/middleware/index'
import { type RecordedSpan, recordSpans, testClient } from '../../../src/core/testing'
import { tracing } from '../../../src/core/tracing'
import { apiClient, whoIs } from '../kit'

const Db = dependency<SqlDatabase>('db')
const allow = guard({ name: 'allow' }, () => undefined)
const thing = get(
  '/things/:id',
  { params: v.object({ id: v.pipe(v.number(), v.integer()) }), guards: [allow], inject: { db: Db } },
  async ({ params, deps, env: bindings }) => {
    const row = await deps.db.prepare('SELECT ?1 AS id').bind(params.id).first<{ id: number }>()
    await bindings.CACHE.get('nothing')
    return { id: row?.id, sameEnv: bindings === env }
  },
)
const options = (plugins: Parameters<typeof createApp>[0]['plugins'] = []) => ({
  middleware: [requestId()],
  plugins: [validation(), d1Session({ key: Db, binding: (e) => e.DB }), ...plugins],
  handlers: [thing],
})

/** A span tree as indented names, with the attributes a test names. */
const render = (spans: readonly RecordedSpan[], depth = 0): string[] =>
  spans.flatMap((s) => [`${'  '.repeat(depth)}${s.name}`, ...render(s.children, depth + 1)])

describe('tracing: a span per part of a request, on the runtime tracing API', () => {
  it('opens the tree of one request: route, middleware, guard, provider, handler and its binding calls', async () => {
    const spans = recordSpans(runtime)
    const client = testClient(createApp(options([tracing({ sink: spans.sink })])), { env })
    const res = await client.fetch('/things/7')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ id: 7, sameEnv: false })
    expect(render(spans.roots)).toEqual([
      'request GET /things/:id',
      '  middleware requestId',
      '    middleware pluginRequirements',
      '      middleware d1Session',
      '        guard allow',
      '        provider db',
      '        handler GET /things/:id',
      '          d1 DB.first',
      '          kv CACHE.get',
    ])
    const [root] = spans.roots
    expect(root!.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': '/things/:id',
      'http.response.status_code': 200,
      'request.id': res.headers.get('x-request-id'),
    })
    const handler = root!.children[0]!.children[0]!.children[0]!.children[2]!
    expect(handler.children[0]!.attributes).toMatchObject({
      'binding.name': 'DB',
      'db.system': 'cloudflare-d1',
      'd1.target': 'replica',
      'db.statement': 'SELECT ?1 AS id',
      'd1.rows_written': 0,
    })
    expect(handler.children[1]!.attributes).toEqual({ 'binding.name': 'CACHE', 'binding.method': 'get' })
    expect(
      spans.roots
        .flatMap(function all(s): RecordedSpan[] {
          return [s, ...s.children.flatMap(all)]
        })
        .every((s) => s.ended),
    ).toBe(true)
  })

  it('marks the span of a part that throws, and the route still answers', async () => {
    const spans = recordSpans(runtime)
    const refuse = guard({ name: 'refuse', errors: [403] }, () => {
      throw new Error('no')
    })
    const app = createApp({ ...options([tracing({ sink: spans.sink })]), guards: [refuse] })
    const res = await testClient(app, { env }).fetch('/things/1')
    expect(res.status).toBe(500)
    const guardSpan = spans.roots[0]!.children[0]!.children[0]!.children[0]!.children[0]!
    expect(guardSpan.name).toBe('guard refuse')
    expect(guardSpan.status).toBe('error')
    expect(spans.roots[0]!.attributes['http.response.status_code']).toBe(500)
  })

  it('opens a span named for a 404, a 405 and an OPTIONS no route serves (the app middleware inside it)', async () => {
    const spans = recordSpans(runtime)
    const client = testClient(createApp(options([tracing({ sink: spans.sink })])), { env })
    const missing = await client.fetch('/nowhere/at/all')
    const wrong = await client.fetch('/things/1', { method: 'DELETE' })
    const asked = await client.fetch('/things/1', { method: 'OPTIONS' })
    expect([missing.status, wrong.status, asked.status]).toEqual([404, 405, 204])
    expect(spans.roots.map((s) => s.name)).toEqual([
      'request unmatched 404',
      'request unmatched 405',
      'request unmatched OPTIONS',
    ])
    expect(spans.roots.map((s) => s.attributes)).toEqual([
      {
        'http.request.method': 'GET',
        'http.response.status_code': 404,
        'request.id': missing.headers.get('x-request-id'),
      },
      {
        'http.request.method': 'DELETE',
        'http.response.status_code': 405,
        'request.id': wrong.headers.get('x-request-id'),
      },
      {
        'http.request.method': 'OPTIONS',
        'http.response.status_code': 204,
        'request.id': asked.headers.get('x-request-id'),
      },
    ])
    expect(spans.roots.every((s) => s.ended)).toBe(true)
  })

  it('wraps nothing without the plugin: the handler gets the env it was given and no span opens', async () => {
    const spans = recordSpans(runtime)
    const client = testClient(createApp(options()), { env })
    const res = await client.fetch('/things/3')
    expect(await res.json()).toEqual({ id: 3, sameEnv: true })
    expect((await client.fetch('/nowhere')).status).toBe(404)
    expect((await client.fetch('/things/3', { method: 'DELETE' })).status).toBe(405)
    expect(spans.roots).toEqual([])
  })
})

describe('tracing the reference API', () => {
  it('traces PATCH /posts/{id}: the owner guard and its lookup, one D1 write on the primary that wrote one row', async () => {
    const spans = recordSpans(runtime)
    const traced = createApp({ ...api, plugins: [...(api.plugins ?? []), tracing({ sink: spans.sink })] })
    const me = await apiClient({}, traced).as({ role: 'user' })
    const user = await whoIs(me)
    const created = await me.fetch('/posts', { method: 'POST', json: { authorId: user.id, title: 't', content: 'c' } })
    const { id } = (await created.json()) as { id: number }
    spans.clear()
    const res = await me.fetch(`/posts/${id}`, { method: 'PATCH', json: { title: 'traced' } })
    expect(res.status).toBe(200)
    const all = spans.roots.flatMap(function flat(s): RecordedSpan[] {
      return [s, ...s.children.flatMap(flat)]
    })
    const root = spans.roots.find((s) => s.name === 'request PATCH /posts/:id')!
    expect(root.attributes).toMatchObject({ 'http.route': '/posts/:id', 'http.response.status_code': 200 })
    expect(all.map((s) => s.name)).toEqual(expect.arrayContaining(['guard ownerOrAdmin(post)', 'provider posts']))
    const handler = all.find((s) => s.name === 'handler PATCH /posts/:id')!
    const writes = handler.children.filter((s) => s.attributes['d1.target'] === 'primary')
    expect(writes.map((s) => [s.name, s.attributes['d1.rows_written']])).toEqual([['d1 DB.first', 1]])
  })
})
