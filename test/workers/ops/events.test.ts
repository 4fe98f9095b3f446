import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { badRequest, createApp, post } from '../../../src/core'
import {
  type ConsumeEventsOptions,
  consumeEvents,
  type EventMessage,
  emit,
  event,
  events,
  listen,
} from '../../../src/core/events'
import { requestId } from '../../../src/core/middleware/index'

const Signup = event<{ id: number; email: string }>('signup')
const request = (path: string) =>
  new Request(`https://api.test${path}`, { method: 'POST', headers: { 'cf-ray': 'ray-ev' } })
const captureErrors = () => {
  const lines: Record<string, unknown>[] = []
  vi.spyOn(console, 'error').mockImplementation((l: string) => lines.push(JSON.parse(l)))
  return lines
}
afterEach(() => vi.restoreAllMocks())

describe('events after the response', () => {
  it('runs listeners only after the response is ready, through waitUntil', async () => {
    let open = () => {}
    const gate = new Promise<void>((r) => (open = r))
    const seen: unknown[] = []
    const app = createApp({
      middleware: [requestId()],
      plugins: [
        events({
          listeners: [
            listen(Signup, { name: 'record' }, async (p) => {
              await gate
              seen.push(p)
            }),
          ],
        }),
      ],
      handlers: [
        post('/signup', (ctx) => {
          emit(ctx, Signup, { id: 1, email: 'a@b.test' })
          return { ok: true }
        }),
      ],
    })
    const ctx = createExecutionContext()
    // Were the listener awaited before responding, this fetch could never finish: the gate opens only below.
    const res = await app.fetch(request('/signup'), env, ctx)
    expect(res.status).toBe(201)
    expect(seen).toEqual([])
    open()
    await waitOnExecutionContext(ctx)
    expect(seen).toEqual([{ id: 1, email: 'a@b.test' }])
  })

  it('logs a failing listener with the request id and still runs the others; the response is unaffected', async () => {
    const errors = captureErrors()
    const seen: string[] = []
    const app = createApp({
      middleware: [requestId()],
      plugins: [
        events({
          listeners: [
            listen(Signup, { name: 'broken' }, () => {
              throw new Error('mailer down')
            }),
            listen(Signup, { name: 'audit' }, async ({ email }, { requestId }) => {
              seen.push(`${email} ${requestId}`)
            }),
          ],
        }),
      ],
      handlers: [
        post('/signup', (ctx) => {
          emit(ctx, Signup, { id: 2, email: 'c@d.test' })
          return { ok: true }
        }),
      ],
    })
    const ctx = createExecutionContext()
    const res = await app.fetch(request('/signup'), env, ctx)
    await waitOnExecutionContext(ctx)
    expect(res.status).toBe(201)
    expect(seen).toEqual(['c@d.test ray-ev'])
    expect(errors).toContainEqual(
      expect.objectContaining({
        msg: 'listener failed',
        event: 'signup',
        listener: 'broken',
        requestId: 'ray-ev',
        error: 'mailer down',
      }),
    )
  })

  it('announces nothing when the request fails after emitting', async () => {
    const seen: unknown[] = []
    const app = createApp({
      plugins: [
        events({
          listeners: [
            listen(Signup, { name: 'record' }, (p) => {
              seen.push(p)
            }),
          ],
        }),
      ],
      handlers: [
        post('/signup', (ctx) => {
          emit(ctx, Signup, { id: 3, email: 'e@f.test' })
          return badRequest('no')
        }),
      ],
    })
    const ctx = createExecutionContext()
    expect((await app.fetch(request('/signup'), env, ctx)).status).toBe(400)
    await waitOnExecutionContext(ctx)
    expect(seen).toEqual([])
  })

  it('treats emit without the events() plugin as a bug: a 500 that is logged', async () => {
    const errors = captureErrors()
    const app = createApp({ handlers: [post('/signup', (ctx) => emit(ctx, Signup, { id: 4, email: 'g@h.test' }))] })
    const res = await app.fetch(request('/signup'), env, createExecutionContext())
    expect(res.status).toBe(500)
    expect(errors[0]?.error).toMatch(/no events\(\) middleware/)
  })

  it('refuses a durable listener without a queue, and a listener registered twice, when the app is built', () => {
    expect(() => events({ listeners: [listen(Signup, { name: 'w', durable: true }, () => {})] })).toThrow(/no queue/)
    const twice = listen(Signup, { name: 'w' }, () => {})
    expect(() => events({ listeners: [twice, twice] })).toThrow(/registered twice/)
  })
})

describe('durable listeners: sending to the queue', () => {
  it('logs a send the queue refuses and leaves the response alone', async () => {
    const errors = captureErrors()
    // The real EVENTS queue refuses a message over its 128 KB limit.
    const Odd = event<{ note: string }>('odd')
    const app = createApp({
      middleware: [requestId()],
      plugins: [
        events({ listeners: [listen(Odd, { name: 'keep', durable: true }, () => {})], queue: (e) => e.EVENTS }),
      ],
      handlers: [
        post('/odd', (ctx) => {
          emit(ctx, Odd, { note: 'x'.repeat(200_000) })
          return { ok: true }
        }),
      ],
    })
    const ctx = createExecutionContext()
    const res = await app.fetch(request('/odd'), env, ctx)
    await waitOnExecutionContext(ctx)
    expect(res.status).toBe(201)
    expect(errors).toContainEqual(
      expect.objectContaining({ event: 'queue', listener: 'sendBatch', requestId: 'ray-ev' }),
    )
  })
})

describe('durable listeners through the queue consumer', () => {
  const ping = post('/ping', () => 'pong')
  /** The consumers as the app runs them: `createApp({ triggers })`'s queue handler. */
  const consumerOf = (options: Omit<ConsumeEventsOptions, 'queue' | 'deadLetter'>) =>
    createApp({
      handlers: [ping],
      triggers: consumeEvents({ queue: 'edge-api-events', deadLetter: false, ...options }),
    }).queue
  const message = (id: string, attempts: number, body: Partial<EventMessage>) => ({
    id,
    timestamp: new Date(),
    attempts,
    body: { event: 'signup', listener: 'welcome', payload: { id: 9, email: 'q@r.test' }, requestId: 'ray-q', ...body },
  })

  it('acknowledges a delivered message and retries a failed one, passing the attempt', async () => {
    const errors = captureErrors()
    const attempts: number[] = []
    // Fails on the first delivery and succeeds on the retry, as a flaky downstream would.
    const queue = consumerOf({
      listeners: [
        listen(Signup, { name: 'welcome', durable: true }, (_p, { attempt }) => {
          attempts.push(attempt)
          if (attempt === 1) throw new Error('transient')
        }),
      ],
    })
    const first = createMessageBatch('edge-api-events', [message('m1', 1, {})])
    const ctx1 = createExecutionContext()
    await queue(first, env, ctx1)
    const r1 = await getQueueResult(first, ctx1)
    // The test helper records which messages were retried, not their delay.
    expect(r1.retryMessages.map((m) => m.msgId)).toEqual(['m1'])
    expect(r1.explicitAcks).toEqual([])
    expect(errors).toContainEqual(
      expect.objectContaining({ listener: 'welcome', requestId: 'ray-q', error: 'transient' }),
    )

    const retry = createMessageBatch('edge-api-events', [message('m1', 2, {})])
    const ctx2 = createExecutionContext()
    await queue(retry, env, ctx2)
    const r2 = await getQueueResult(retry, ctx2)
    expect(r2.explicitAcks).toEqual(['m1'])
    expect(r2.retryMessages).toEqual([])
    expect(attempts).toEqual([1, 2])
  })

  it('retries only the failing listener’s message in a batch', async () => {
    captureErrors()
    const queue = consumerOf({
      listeners: [
        listen(Signup, { name: 'welcome', durable: true }, () => {}),
        listen(Signup, { name: 'crm', durable: true }, () => {
          throw new Error('crm down')
        }),
      ],
    })
    const batch = createMessageBatch('edge-api-events', [message('ok', 1, {}), message('bad', 1, { listener: 'crm' })])
    const ctx = createExecutionContext()
    await queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks).toEqual(['ok'])
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['bad'])
  })

  it('logs and acknowledges messages for unknown listeners and from the dead-letter queue', async () => {
    const errors = captureErrors()
    const queue = consumerOf({ listeners: [], deadLetterQueue: 'edge-api-events-dlq' })
    const stray = createMessageBatch('edge-api-events', [message('s1', 1, { listener: 'gone' })])
    const ctx = createExecutionContext()
    await queue(stray, env, ctx)
    expect((await getQueueResult(stray, ctx)).explicitAcks).toEqual(['s1'])
    const dead = createMessageBatch('edge-api-events-dlq', [message('d1', 4, {})])
    const ctx2 = createExecutionContext()
    await queue(dead, env, ctx2)
    expect((await getQueueResult(dead, ctx2)).explicitAcks).toEqual(['d1'])
    expect(errors.map((e) => e.error)).toEqual(['no such listener', 'dead letter: retries exhausted'])
  })

  it('events({ consume }) runs the queue’s consumers as the plugin’s triggers, in the same app', async () => {
    captureErrors()
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const got: unknown[] = []
    const welcome = listen(Signup, { name: 'welcome', durable: true }, (p) => void got.push(p))
    const app = createApp({
      plugins: [
        events({
          listeners: [welcome],
          queue: (env) => env.EVENTS,
          consume: { queue: 'edge-api-events', deadLetter: false },
        }),
      ],
      handlers: [post('/ping', () => 'pong')],
    })
    expect(app.triggers.map((t) => t.name)).toEqual(['events'])
    const batch = createMessageBatch('edge-api-events', [message('p1', 1, {})])
    const ctx = createExecutionContext()
    await app.queue(batch, env, ctx)
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['p1'])
    expect(got).toEqual([{ id: 9, email: 'q@r.test' }])
  })
})
