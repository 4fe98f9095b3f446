import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createApp,
  del,
  dependency,
  get,
  guard,
  notFound,
  post,
  provide,
  router,
  unauthorized,
  validation,
} from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'
import { testClient } from '../../../src/core/testing'
import { problem } from '../helpers'

// The classic layered example: one /widgets router, public reads, writes behind an inner guarded router.
class WidgetRepo {
  constructor(private readonly db: D1Database) {}
  list() {
    return this.db.prepare('SELECT id, name, secret FROM widgets ORDER BY id').all<{ id: number; name: string }>()
  }
  get(id: number) {
    return this.db
      .prepare('SELECT id, name, secret FROM widgets WHERE id = ?')
      .bind(id)
      .first<{ id: number; name: string }>()
  }
  add(name: string) {
    return this.db
      .prepare("INSERT INTO widgets (name, secret) VALUES (?, 'hidden') RETURNING id, name, secret")
      .bind(name)
      .first<{ id: number; name: string }>()
  }
  async delete(id: number) {
    const r = await this.db.prepare('DELETE FROM widgets WHERE id = ?').bind(id).run()
    return r.meta.changes > 0
  }
}

const Widgets = dependency<WidgetRepo>('widgets')
const Widget = v.pipe(v.object({ id: v.number(), name: v.string() }), v.title('Widget'))
const Id = v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) })

const authenticated = guard({ name: 'authenticated', security: [{ bearerAuth: [] }], errors: [401] }, ({ request }) => {
  if (request.headers.get('authorization') !== 'Bearer letmein') unauthorized('A bearer token is required')
})

const listWidgets = get(
  '/',
  { inject: { widgets: Widgets }, response: v.array(Widget) },
  async ({ deps: { widgets } }) => (await widgets.list()).results,
)
const getWidget = get(
  '/:id',
  { params: Id, inject: { widgets: Widgets }, response: Widget, errors: [404] },
  async ({ params, deps: { widgets } }) => (await widgets.get(params.id)) ?? notFound(`Widget ${params.id} not found`),
)
const createWidget = post(
  '/',
  { body: v.object({ name: v.pipe(v.string(), v.minLength(1)) }), inject: { widgets: Widgets }, response: Widget },
  async ({ body, deps: { widgets } }) => (await widgets.add(body.name))!,
)
const deleteWidget = del(
  '/:id',
  { params: Id, inject: { widgets: Widgets }, errors: [404] },
  async ({ params, deps: { widgets } }) => {
    if (!(await widgets.delete(params.id))) notFound(`Widget ${params.id} not found`)
  },
)

const writes = router({ guards: [authenticated], handlers: [createWidget, deleteWidget] })
const widgets = router({
  path: '/widgets',
  tags: ['widgets'],
  dependencies: [provide(Widgets, ({ env }) => new WidgetRepo(env.DB))],
  handlers: [listWidgets, getWidget, writes],
})
// The same handler registered a second time, under a guarded admin router.
const admin = router({
  path: '/admin',
  tags: ['admin'],
  guards: [authenticated],
  dependencies: [provide(Widgets, ({ env }) => new WidgetRepo(env.DB))],
  handlers: [router({ path: '/widgets', handlers: [listWidgets] })],
})
const app = createApp({ plugins: [validation()], handlers: [widgets, admin] })
const auth = { authorization: 'Bearer letmein' }

beforeAll(async () => {
  await env.DB.exec(
    'CREATE TABLE IF NOT EXISTS widgets (id INTEGER PRIMARY KEY, name TEXT NOT NULL, secret TEXT NOT NULL)',
  )
})

describe('the widgets example: public reads, guarded writes', () => {
  it('lets anyone read, and strips fields the response schema does not name', async () => {
    await env.DB.prepare("INSERT INTO widgets (name, secret) VALUES ('first', 'hidden')").run()
    const res = await testClient(app, { env }).fetch('/widgets')
    expect(res.status).toBe(200)
    const list = (await res.json()) as Record<string, unknown>[]
    expect(list.length).toBeGreaterThan(0)
    for (const w of list) expect(Object.keys(w).sort()).toEqual(['id', 'name'])
  })

  it('refuses anonymous writes with 401 problem+json and changes nothing', async () => {
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM widgets').first<{ n: number }>()
    const res = await testClient(app, { env }).fetch('/widgets', { method: 'POST', json: { name: 'sneaky' } })
    expect(res.status).toBe(401)
    expect((await problem(res)).detail).toBe('A bearer token is required')
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM widgets').first<{ n: number }>()
    expect(after).toEqual(before)
  })

  it('runs the guard before reading the body: an anonymous bad body is 401, not 400', async () => {
    const res = await testClient(app, { env }).fetch('/widgets', { method: 'POST', json: { nope: true } })
    expect(res.status).toBe(401)
  })

  it('creates with 201 and deletes with 204 when the guard passes', async () => {
    const created = await testClient(app, { env }).fetch('/widgets', {
      method: 'POST',
      json: { name: 'new' },
      headers: auth,
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    expect((await testClient(app, { env }).fetch(`/widgets/${id}`)).status).toBe(200)
    const deleted = await testClient(app, { env }).fetch(`/widgets/${id}`, { method: 'DELETE', headers: auth })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    expect((await testClient(app, { env }).fetch(`/widgets/${id}`)).status).toBe(404)
  })

  it('gives the same handler under two routers two routes with their own merged configuration', async () => {
    const routes = app.routes.filter((r) => r.handler === listWidgets)
    expect(routes.map((r) => r.path).sort()).toEqual(['/admin/widgets', '/widgets'])
    expect((await testClient(app, { env }).fetch('/widgets')).status).toBe(200)
    expect((await testClient(app, { env }).fetch('/admin/widgets')).status).toBe(401)
    expect((await testClient(app, { env }).fetch('/admin/widgets', { headers: auth })).status).toBe(200)
  })

  it('documents reads as public and writes as secured, each with its own errors', () => {
    const doc = generateDocument(app, {
      title: 'Widgets',
      version: '1',
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    }) as {
      paths: Record<string, Record<string, { security: unknown; responses: Record<string, unknown>; tags: string[] }>>
    }
    const widgetsPath = doc.paths['/widgets']!
    expect(widgetsPath.get!.security).toEqual([])
    expect(widgetsPath.post!.security).toEqual([{ bearerAuth: [] }])
    expect(widgetsPath.post!.responses['401']).toBeDefined()
    expect(widgetsPath.get!.responses['401']).toBeUndefined()
    expect(doc.paths['/widgets/{id}']!.delete!.security).toEqual([{ bearerAuth: [] }])
    expect(doc.paths['/widgets/{id}']!.get!.responses['404']).toBeDefined()
    expect(doc.paths['/admin/widgets']!.get!.security).toEqual([{ bearerAuth: [] }])
    expect(doc.paths['/admin/widgets']!.get!.tags).toEqual(['admin'])
  })
})
