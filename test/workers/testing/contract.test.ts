import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, notFound, validation } from '../../../src/core'
import { ndjsonResponse } from '../../../src/core/http'
import { testClient } from '../../../src/core/testing'

const Item = v.object({ id: v.pipe(v.number(), v.integer()), name: v.string() })
const Line = v.variant('kind', [
  v.object({ kind: v.literal('item'), id: v.pipe(v.number(), v.integer()) }),
  v.object({ kind: v.literal('end') }),
])
async function* lines(last: unknown) {
  yield [{ kind: 'item', id: 1 }, last]
}
const ticks = (data: string) =>
  new Response(`retry: 1000\n\nid: 1\nevent: tick\ndata: {"n":1}\n\nid: 2\nevent: tick\ndata: ${data}\n\n`, {
    headers: { 'content-type': 'text/event-stream' },
  })

// Each route breaks its document in one way (and `/fine` does not), as a handler written carelessly would.
const app = createApp({
  plugins: [validation()],
  handlers: [
    get('/fine', { response: Item, errors: [404] }, () => ({ id: 1, name: 'one' })),
    get('/missing', { response: Item, errors: [404] }, () => notFound('No item')),
    get('/undeclared-header', { response: Item }, ({ responseHeaders }) => {
      responseHeaders.set('x-internal-shard', 'eu-3')
      return { id: 1, name: 'one' }
    }),
    get('/undeclared-status', { response: Item }, () => notFound('No item')),
    get('/wrong-body', { response: Item }, () => Response.json({ id: 'one', name: 1 })),
    get(
      '/wrong-type',
      { response: Item },
      () => new Response('<p>one</p>', { headers: { 'content-type': 'text/html' } }),
    ),
    get('/lines', { response: Line, responseType: 'application/x-ndjson' }, () =>
      ndjsonResponse(lines({ kind: 'end' })),
    ),
    get('/bad-lines', { response: Line, responseType: 'application/x-ndjson' }, () =>
      ndjsonResponse(lines({ kind: 'item', id: 'two' })),
    ),
    get('/ticks', () => ticks('{"n":2}')),
    get('/bad-ticks', () => ticks('{"n":2.5}')),
  ],
})
const client = testClient(app, { env })

describe('contract mode: every response a test receives is checked against the document', () => {
  it('passes a response that says what its operation documents, a declared error included', async () => {
    expect((await client.fetch('/fine')).status).toBe(200)
    expect((await client.fetch('/missing')).status).toBe(404)
  })

  it('fails a test whose handler sends a header its response does not declare', async () => {
    await expect(client.fetch('/undeclared-header')).rejects.toThrow(
      /contract: getUndeclaredHeader \(GET \/undeclared-header\) answered 200 with header\(s\) x-internal-shard, which that response does not declare/,
    )
  })

  it('fails a test whose handler answers a status its operation does not declare', async () => {
    await expect(client.fetch('/undeclared-status')).rejects.toThrow(
      /answered 404, a status its document does not declare \(declared: 200, 500\)/,
    )
  })

  it('fails a body that does not match its schema, naming the field, and a media type not declared', async () => {
    await expect(client.fetch('/wrong-body')).rejects.toThrow(/does not match its schema: \/id: .*integer/)
    await expect(client.fetch('/wrong-type')).rejects.toThrow(/with a text\/html body, which that response does not/)
  })

  it('checks an NDJSON stream line by line, as the test reads it', async () => {
    expect(await (await client.fetch('/lines')).text()).toBe('{"kind":"item","id":1}\n{"kind":"end"}\n')
    const bad = await client.fetch('/bad-lines')
    await expect(bad.text()).rejects.toThrow(/getBadLines .* item 1 does not match its item schema/)
  })

  it('checks an event stream event by event against the item schema of the document it is given', async () => {
    const Tick = { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } }
    const itemSchema = {
      type: 'object',
      required: ['event', 'data'],
      properties: {
        event: { const: 'tick' },
        id: { type: 'string' },
        data: {
          type: 'string',
          contentMediaType: 'application/json',
          contentSchema: { $ref: '#/components/schemas/Tick' },
        },
      },
    }
    const stream = {
      200: { description: 'OK', content: { 'text/event-stream': { schema: { type: 'string' }, itemSchema } } },
    }
    const document = {
      openapi: '3.2.0',
      paths: {
        '/ticks': { get: { operationId: 'ticks', responses: stream } },
        '/bad-ticks': { get: { operationId: 'badTicks', responses: stream } },
      },
      components: { schemas: { Tick } },
    }
    const checked = testClient(app, { env, contract: document })
    expect(await (await checked.fetch('/ticks')).text()).toContain('data: {"n":2}')
    await expect((await checked.fetch('/bad-ticks')).text()).rejects.toThrow(
      /badTicks \(GET \/bad-ticks\) answered 200 item 1 does not match its item schema: \/data\/n: .*integer/,
    )
  })

  it('is off for a client that says so, for a test of a deliberate breach', async () => {
    const off = testClient(app, { env, contract: false })
    expect((await off.fetch('/undeclared-status')).status).toBe(404)
    expect((await off.fetch('/undeclared-header')).headers.get('x-internal-shard')).toBe('eu-3')
  })
})
