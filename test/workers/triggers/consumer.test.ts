import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type App, createApp, dependency, get, provide, withCleanup } from '../../../src/core'
import { consumer } from '../../../src/core/triggers'

afterEach(() => vi.restoreAllMocks())

const Order = v.object({ id: v.pipe(v.number(), v.integer()), total: v.number() })
const ping = get('/ping', () => 'pong')
const quiet = () => {
  const out: Record<string, unknown>[] = []
  const keep = (l: string) => void out.push(JSON.parse(l))
  vi.spyOn(console, 'log').mockImplementation(keep)
  vi.spyOn(console, 'error').mockImplementation(keep)
  return out
}
/** A dead-letter queue that records what it is sent (the consumer only calls `send`). */
const recordingQueue = (fail = false) => {
  const sent: unknown[] = []
  const queue = {
    send: async (body: unknown) => {
      if (fail) throw new Error('queue unavailable')
      sent.push(body)
    },
  } as unknown as Queue<unknown>
  return { sent, queue }
}
const message = (id: string, body: unknown, attempts = 1) => ({ id, timestamp: new Date(), attempts, body })
const deliver = async (app: App, queue: string, messages: ReturnType<typeof message>[]) => {
  const batch = createMessageBatch(queue, messages)
  const ctx = createExecutionContext()
  await app.queue(batch, env, ctx)
  return getQueueResult(batch, ctx)
}

describe('typed queue consumers', () => {
  it('dead-letters an invalid message once while the valid ones of its batch are acknowledged', async () => {
    const log = quiet()
    const handled: unknown[] = []
    const dlq = recordingQueue()
    const orders = consumer(
      { name: 'orders', queue: 'orders', message: Order, deadLetter: () => dlq.queue },
      (order) => void handled.push(order),
    )
    const app = createApp({ handlers: [ping], triggers: [orders] })
    const bad = { id: 'seven', total: 1 }
    const result = await deliver(app, 'orders', [
      message('a', { id: 1, total: 5 }),
      message('b', bad),
      message('c', { id: 3, total: 7 }),
    ])
    expect(handled).toEqual([
      { id: 1, total: 5 },
      { id: 3, total: 7 },
    ])
    expect(result.explicitAcks.sort()).toEqual(['a', 'b', 'c'])
    expect(result.retryMessages).toEqual([])
    expect(dlq.sent).toEqual([bad])
    expect(log).toContainEqual(
      expect.objectContaining({
        msg: 'invalid message dead-lettered',
        consumer: 'orders',
        messageId: 'b',
        issues: [expect.objectContaining({ path: 'id' })],
      }),
    )
  })

  it('retries only the message whose handler failed, with a delay that grows with its attempt', async () => {
    const log = quiet()
    const orders = consumer(
      { name: 'orders', queue: ['orders', 'orders-staging'], message: Order, deadLetter: false },
      (order) => {
        if (order.id === 2) throw new Error('warehouse down')
      },
    )
    const app = createApp({ handlers: [ping], triggers: [orders] })
    const result = await deliver(app, 'orders-staging', [
      message('ok', { id: 1, total: 1 }),
      message('fails', { id: 2, total: 1 }, 3),
    ])
    expect(result.explicitAcks).toEqual(['ok'])
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['fails'])
    expect(log).toContainEqual(
      expect.objectContaining({ msg: 'message retried', messageId: 'fails', delaySeconds: 8, error: 'warehouse down' }),
    )
  })

  it('retries an invalid message when the dead-letter queue cannot take it, so it is not lost', async () => {
    quiet()
    const orders = consumer(
      { name: 'orders', queue: 'orders', message: Order, deadLetter: () => recordingQueue(true).queue },
      () => {},
    )
    const app = createApp({ handlers: [ping], triggers: [orders] })
    const result = await deliver(app, 'orders', [message('x', 'not an order')])
    expect(result.explicitAcks).toEqual([])
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['x'])
  })

  it('gives each message its own dependency scope, released after it', async () => {
    quiet()
    const Conn = dependency<{ n: number }>('conn')
    let made = 0
    const released: number[] = []
    const orders = consumer(
      { name: 'orders', queue: 'orders', message: Order, inject: { conn: Conn }, deadLetter: false },
      (order, { deps, messageId, attempt }) => {
        expect([messageId, attempt]).toEqual([`m${order.id}`, 1])
        expect(deps.conn.n).toBeGreaterThan(0)
      },
    )
    const app = createApp({
      dependencies: [
        provide(Conn, () => {
          const conn = { n: ++made }
          return withCleanup(conn, (c) => void released.push(c.n))
        }),
      ],
      handlers: [ping],
      triggers: [orders],
    })
    const result = await deliver(app, 'orders', [
      message('m1', { id: 1, total: 1 }),
      message('m2', { id: 2, total: 1 }),
    ])
    expect(result.explicitAcks.sort()).toEqual(['m1', 'm2'])
    expect(made).toBe(2)
    expect(released.sort()).toEqual([1, 2])
  })

  it('refuses a batch from a queue no consumer is declared for', async () => {
    const app = createApp({
      handlers: [ping],
      triggers: [consumer({ name: 'o', queue: 'orders', message: Order, deadLetter: false }, () => {})],
    })
    await expect(app.queue(createMessageBatch('elsewhere', []), env, createExecutionContext())).rejects.toThrow(
      'No consumer is declared for queue "elsewhere"',
    )
  })
})
