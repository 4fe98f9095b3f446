import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'
import { createApp, del, post, router, validation } from '../../../src/core'
import { idempotency } from '../../../src/core/idempotency'
import { generateDocument } from '../../../src/core/openapi'
import { fakeClock, testClient } from '../../../src/core/testing'

type Json = Record<string, unknown>
const keys = idempotency({ binding: (e) => e.IDEMPOTENCY })
const Thing = v.object({ name: v.string() })
const makeThing = post('/things', { body: Thing, idempotency: { required: true, ttl: 5 } }, ({ body }) => ({
  name: body.name,
  serial: crypto.randomUUID(),
}))
const dropThing = del('/things/:id', {}, () => undefined)
const app = createApp({
  plugins: [validation(), keys],
  handlers: [makeThing, router({ idempotency: {}, handlers: [dropThing] })],
})
const client = testClient(app, { env })
const send = (key?: string, name = 'a') =>
  client.fetch('/things', { method: 'POST', headers: key ? { 'idempotency-key': key } : {}, json: { name } })

let restore: (() => void) | undefined
afterEach(() => {
  restore?.()
  restore = undefined
})

describe('idempotency options', () => {
  it('required: a request without the header is a 400 problem naming it', async () => {
    const res = await send()
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const problem = (await res.json()) as { errors: Json[] }
    expect(problem.errors).toEqual([
      { in: 'header', name: 'idempotency-key', pointer: '/idempotency-key', message: 'is required' },
    ])
  })

  it('ttl: the key is kept for the layer’s seconds, then runs again', async () => {
    const clock = fakeClock()
    restore = () => clock.restore()
    const key = crypto.randomUUID()
    const first = (await (await send(key)).json()) as { serial: string }
    clock.advance(4000)
    const kept = await send(key)
    expect(kept.headers.get('idempotent-replayed')).toBe('true')
    expect(((await kept.json()) as { serial: string }).serial).toBe(first.serial)
    clock.advance(2000)
    const later = await send(key)
    expect(later.status).toBe(201)
    expect(later.headers.get('idempotent-replayed')).toBeNull()
    expect(((await later.json()) as { serial: string }).serial).not.toBe(first.serial)
  })

  it('methods: a layer’s DELETE route ignores the header by default (POST and PATCH honour it)', async () => {
    const res = await client.fetch('/things/1', { method: 'DELETE', headers: { 'idempotency-key': 'not a key!' } })
    expect(res.status).toBe(204)
  })

  it('createApp refuses a ttl that is not whole seconds, and the option without the plugin', () => {
    const bad = post('/bad', { idempotency: { ttl: 0 } }, () => 'x')
    expect(() => createApp({ plugins: [validation(), keys], handlers: [bad] })).toThrow(
      'Route POST /bad: idempotency ttl must be whole, positive seconds',
    )
    // Without the plugin, `idempotency` is an option nobody owns: the app refuses to build, naming it.
    expect(() => createApp({ plugins: [validation()], handlers: [makeThing] })).toThrow(/idempotency/)
  })

  it('an app without the binding answers 503 (fail closed), never runs a keyed write unchecked', async () => {
    const unbound = testClient(app, { env: { ...env, IDEMPOTENCY: undefined } as unknown as Cloudflare.Env })
    const res = await unbound.fetch('/things', {
      method: 'POST',
      headers: { 'idempotency-key': 'k1' },
      json: { name: 'a' },
    })
    expect(res.status).toBe(503)
  })

  it('the document declares the header, the replay marker and the 400, 409 and 422 answers', () => {
    const doc = generateDocument(app, { title: 'T', version: '1' }) as { paths: Record<string, Record<string, Json>> }
    const op = doc.paths['/things']!.post!
    expect(op.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    )
    const responses = op.responses as Record<string, Json>
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['400', '409', '422']))
    expect((responses['201']!.headers as Json)['Idempotent-Replayed']).toBeDefined()
    expect((doc.paths['/things/{id}']!.delete!.parameters as Json[] | undefined) ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key' }),
    )
  })

  it('the committed document declares it on the reference API’s creating routes', () => {
    const paths = document.paths as unknown as Record<string, Record<string, Json>>
    for (const path of ['/users', '/posts', '/posts/{postId}/comments', '/files']) {
      const op = paths[path]!.post!
      expect(op.parameters, path).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }))
      expect(Object.keys(op.responses as Json), path).toEqual(expect.arrayContaining(['409', '422']))
    }
  })
})
