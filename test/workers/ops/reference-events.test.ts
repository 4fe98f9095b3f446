import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import worker from '../../../src/app/index'
import type { EventMessage } from '../../../src/core/events'
import { apiClient, createUser, signUp } from '../kit'

const api = apiClient()
const notifications = async (userId: number) =>
  (
    await env.DB.prepare('SELECT kind, message FROM notifications WHERE user_id = ? ORDER BY id')
      .bind(userId)
      .all<{ kind: string; message: string }>()
  ).results
const deliver = async (id: string, body: EventMessage) => {
  const batch = createMessageBatch<EventMessage>('edge-api-events', [{ id, timestamp: new Date(), attempts: 1, body }])
  const ctx = createExecutionContext()
  await worker.queue(batch as MessageBatch<unknown>, env, ctx)
  return getQueueResult(batch, ctx)
}

describe('reference events through the local EVENTS queue', () => {
  it('welcomes a new user: user.created goes through the queue to the durable listener', async () => {
    const { id } = (await createUser(api, { name: 'Grace', email: 'grace@example.com', age: 40 })).user
    await vi.waitFor(
      async () => expect(await notifications(id)).toEqual([{ kind: 'welcome', message: 'Welcome, Grace!' }]),
      {
        timeout: 15_000,
        interval: 100,
      },
    )
  })

  it('tells an author their post is live, from either create route', async () => {
    const { user, client: author } = await signUp(api, { name: 'Grace', email: 'author@example.com', age: 40 })
    const { id } = user
    const post = (path: string, json: unknown) => author.fetch(path, { method: 'POST', json })
    expect((await post(`/users/${id}/posts`, { title: 'First', content: 'Hello' })).status).toBe(201)
    expect((await post('/posts', { authorId: id, title: 'Second', content: 'Again' })).status).toBe(201)
    await vi.waitFor(
      async () =>
        expect(
          (await notifications(id))
            .filter((n) => n.kind === 'post-published')
            .map((n) => n.message)
            .sort(),
        ).toEqual(['Your post “First” is live.', 'Your post “Second” is live.']),
      { timeout: 15_000, interval: 100 },
    )
  })

  it('commits a keyed post’s event with its Idempotency-Key record: one message with an event id, the outbox emptied', async () => {
    const sent: EventMessage[] = []
    const recording = {
      ...env,
      EVENTS: {
        send: (body: EventMessage) => env.EVENTS.send(body),
        sendBatch: async (batch: Iterable<MessageSendRequest<EventMessage>>) => {
          const all = [...batch]
          for (const m of all) sent.push(m.body)
          return env.EVENTS.sendBatch(all)
        },
      },
    } as unknown as Cloudflare.Env
    const { user, client: author } = await signUp(apiClient({ env: recording }), { name: 'Keyed', age: 40 })
    const res = await author.fetch('/posts', {
      method: 'POST',
      json: { authorId: user.id, title: 'Keyed', content: 'Once' },
      headers: { 'idempotency-key': crypto.randomUUID() },
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    const published = sent.filter((m) => m.event === 'post.created')
    expect(published).toEqual([
      {
        event: 'post.created',
        listener: 'post-published',
        payload: { id, authorId: user.id, title: 'Keyed' },
        requestId: expect.any(String),
        eventId: expect.any(String),
      },
    ])
    const left = await env.DB.prepare('SELECT count(*) AS n FROM event_outbox WHERE id = ?')
      .bind(published[0]!.eventId!)
      .first<{ n: number }>()
    expect(left?.n).toBe(0)
  })

  it('writes a redelivered message once, and acknowledges it both times', async () => {
    const { id } = (await createUser(api, { name: 'Grace', email: 'twice@example.com', age: 40 })).user
    const body = { event: 'user.created', listener: 'welcome', payload: { id, name: 'Twice' }, requestId: 'r' }
    // The real delivery may land before or after these; the dedupe key keeps it to one row either way.
    expect((await deliver('a', body)).explicitAcks).toEqual(['a'])
    expect((await deliver('b', body)).explicitAcks).toEqual(['b'])
    await vi.waitFor(async () => expect((await notifications(id)).filter((n) => n.kind === 'welcome')).toHaveLength(1))
  })

  it('drops a notification for a user deleted before the listener ran, without a retry', async () => {
    const body = { event: 'user.created', listener: 'welcome', payload: { id: 987_654, name: 'Gone' }, requestId: 'r' }
    const result = await deliver('c', body)
    expect(result.explicitAcks).toEqual(['c'])
    expect(result.retryMessages).toEqual([])
    expect(await notifications(987_654)).toEqual([])
  })

  it('dead-letters a message that is no event message once, and acknowledges the valid ones of its batch', async () => {
    const lines: Record<string, unknown>[] = []
    const keep = (l: string) => void lines.push(JSON.parse(l))
    vi.spyOn(console, 'error').mockImplementation(keep)
    vi.spyOn(console, 'log').mockImplementation(keep)
    const { id } = (await createUser(api, { name: 'Ada', email: 'batch@example.com', age: 36 })).user
    const valid = { event: 'user.created', listener: 'welcome', payload: { id, name: 'Ada' }, requestId: 'r' }
    const batch = createMessageBatch<unknown>('edge-api-events', [
      { id: 'good', timestamp: new Date(), attempts: 1, body: valid },
      { id: 'junk', timestamp: new Date(), attempts: 1, body: { event: 42, listener: 'welcome' } },
    ])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks.sort()).toEqual(['good', 'junk'])
    expect(result.retryMessages).toEqual([])
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'invalid message dead-lettered', messageId: 'junk', queue: 'edge-api-events' }),
    )
    // EVENTS_DLQ delivers it to the dead-letter consumer, which logs it as lost: once, and never forwards it again.
    await vi.waitFor(
      () =>
        expect(lines).toContainEqual(
          expect.objectContaining({ msg: 'message handled', consumer: 'events-dead-letters' }),
        ),
      { timeout: 15_000, interval: 100 },
    )
    expect(lines.filter((l) => l.msg === 'invalid message dead-lettered')).toHaveLength(1)
    vi.restoreAllMocks()
  })
})
