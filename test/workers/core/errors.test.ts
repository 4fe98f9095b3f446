import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it, vi } from 'vitest'
import { createApp, del, get, HttpError, post, router, validation } from '../../../src/core'
import { testClient } from '../../../src/core/testing'
import { problem } from '../helpers'

class TeapotError extends Error {}

const echo = post(
  '/echo',
  { body: v.object({ name: v.string() }), response: v.object({ name: v.string() }) },
  ({ body }) => body,
)
const small = router({
  bodyLimit: 64,
  handlers: [post('/small', { body: v.object({ text: v.string() }) }, ({ body }) => body)],
})
const boom = get('/boom', () => {
  throw new Error('database password is hunter2')
})
const badOutput = get(
  '/bad-output',
  { response: v.object({ n: v.number() }) },
  () => ({ n: 'not a number' }) as unknown as { n: number },
)
const teapot = get('/teapot', () => {
  throw new TeapotError('short and stout')
})
const gone = get('/gone', () => {
  throw new HttpError(410, { detail: 'It left' })
})
const handled = router({
  path: '/handled',
  exceptionHandlers: [
    [410, () => new Response('inner 410', { status: 410 })],
    [TeapotError, () => new Response('teapot', { status: 418 })],
  ],
  handlers: [gone, teapot],
})
const app = createApp({
  plugins: [validation()],
  exceptionHandlers: [[410, () => new Response('outer 410', { status: 410 })]],
  handlers: [
    echo,
    small,
    boom,
    badOutput,
    gone,
    teapot,
    handled,
    del('/thing', () => undefined),
    get('/thing', () => ({ ok: true })),
  ],
})

describe('errors are problem details', () => {
  it('answers an unknown path with 404', async () => {
    const res = await testClient(app, { env }).fetch('/nowhere')
    expect(res.status).toBe(404)
    expect(await problem(res)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route for /nowhere',
      instance: '/nowhere',
    })
  })

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await testClient(app, { env }).fetch('/thing', { method: 'PUT' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS')
    expect((await problem(res)).title).toBe('Method Not Allowed')
  })

  it('answers OPTIONS with Allow, and HEAD like GET without a body', async () => {
    const options = await testClient(app, { env }).fetch('/thing', { method: 'OPTIONS' })
    expect(options.status).toBe(204)
    expect(options.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS')
    const head = await testClient(app, { env }).fetch('/thing', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('application/json')
    expect(await head.text()).toBe('')
  })

  it('answers malformed JSON with 400', async () => {
    const res = await testClient(app, { env }).fetch('/echo', {
      method: 'POST',
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect((await problem(res)).detail).toMatch(/^Malformed JSON body/)
  })

  it('answers the wrong media type with 415, and a missing body with 400 naming it', async () => {
    const wrong = await testClient(app, { env }).fetch('/echo', {
      method: 'POST',
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    })
    expect(wrong.status).toBe(415)
    expect((await problem(wrong)).detail).toBe('Expected a body of type application/json, got text/plain')
    const missing = await testClient(app, { env }).fetch('/echo', { method: 'POST' })
    expect(missing.status).toBe(400)
    expect(await problem(missing)).toMatchObject({
      detail: 'body is required',
      errors: [{ in: 'body', pointer: '', message: 'is required' }],
    })
  })

  it('answers invalid UTF-8 with 400', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])
    const res = await testClient(app, { env }).fetch('/echo', {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect((await problem(res)).detail).toBe('Request body is not valid UTF-8')
  })

  it('refuses a body over the limit from Content-Length, before reading it', async () => {
    const res = await testClient(app, { env }).fetch('/small', { method: 'POST', json: { text: 'x'.repeat(100) } })
    expect(res.status).toBe(413)
    expect(await problem(res)).toMatchObject({ status: 413, limit: 64 })
  })

  it('refuses a streamed body without Content-Length as soon as it passes the limit', async () => {
    let pulled = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        if (pulled > 1000) return controller.close()
        controller.enqueue(new TextEncoder().encode('{"text":"'.padEnd(40, 'x')))
      },
    })
    const res = await testClient(app, { env }).fetch('/small', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(413)
    expect(pulled).toBeLessThan(10)
  })

  it('turns an unexpected error into a 500 that reveals nothing, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await testClient(app, { env }).fetch('/boom')
    expect(res.status).toBe(500)
    const body = await problem(res)
    expect(JSON.stringify(body)).not.toContain('hunter2')
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred',
      instance: '/boom',
    })
    expect(log).toHaveBeenCalledOnce()
    expect(String(log.mock.calls[0]![0])).toContain('hunter2')
    log.mockRestore()
  })

  it('treats a response that breaks its own schema as a server bug', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await testClient(app, { env, strictResponses: false }).fetch('/bad-output')
    expect(res.status).toBe(500)
    expect(String(log.mock.calls[0]![0])).toContain('does not match its schema')
    log.mockRestore()
  })

  // The exception handlers below answer in plain text on purpose, to show which one ran: off the contract.
  const offContract = () => testClient(app, { env, contract: false })

  it('passes HttpError status, detail and headers through', async () => {
    const res = await offContract().fetch('/gone')
    // The app-level handler for 410 applies to routes outside /handled.
    expect(await res.text()).toBe('outer 410')
  })

  it('looks exception handlers up by status, then by class, the inner layer first', async () => {
    expect(await (await offContract().fetch('/handled/gone')).text()).toBe('inner 410')
    const teapotRes = await offContract().fetch('/handled/teapot')
    expect(teapotRes.status).toBe(418)
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect((await testClient(app, { env }).fetch('/teapot')).status).toBe(500)
    log.mockRestore()
  })

  it('uses default statuses: 201 for POST, 204 for DELETE', async () => {
    expect((await testClient(app, { env }).fetch('/echo', { method: 'POST', json: { name: 'a' } })).status).toBe(201)
    expect((await testClient(app, { env }).fetch('/thing', { method: 'DELETE' })).status).toBe(204)
  })
})
