import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp, dependency, provide, router, validation } from '../../../src/core'
import { defineModel, dto, emits, include, inputDto, partial, Repository, resource } from '../../../src/core/data'
import { type EventMessage, event, events, listen } from '../../../src/core/events'
import { requestId } from '../../../src/core/middleware/index'
import { fakeClock, testClient } from '../../../src/core/testing'

// A model of its own, with a boolean and a JSON field: the payload is built in SQL, and must read back as they do.
const Id = v.pipe(v.number(), v.safeInteger(), v.minValue(1))
const Card = defineModel({
  table: 'outbox_cards',
  fields: {
    id: Id,
    title: v.pipe(v.string(), v.minLength(1)),
    done: v.boolean(),
    tags: v.array(v.string()),
    version: Id,
  },
  generated: ['id', 'version'],
  version: 'version',
})
beforeAll(async () => {
  await env.DB.exec(
    "CREATE TABLE outbox_cards (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL UNIQUE, done INTEGER NOT NULL, tags TEXT NOT NULL DEFAULT '[]', version INTEGER NOT NULL DEFAULT 1)",
  )
})

const CardCreated = event<{ id: number; title: string; done: boolean; tags: string[]; kind: string }>('card.created')
const CardChanged = event<{ card: { id: number; done: boolean } }>('card.changed')
const CardDeleted = event<{ id: number }>('card.deleted')
const Cards = dependency<Repository<typeof Card>>('cards')

const seen: { event: string; payload: unknown; eventId: string | undefined }[] = []
const durable = (e: { readonly name: string }) =>
  listen(e, { name: 'record', durable: true }, (payload, ctx) => {
    seen.push({ event: e.name, payload, eventId: ctx.eventId })
  })

/** A queue that keeps what it was sent, and can be made to refuse (a lost delivery). */
function recordingQueue() {
  const sent: EventMessage[] = []
  let refusing = false
  const queue = {
    sent,
    refuse: (on: boolean) => {
      refusing = on
    },
    async send(body: EventMessage) {
      if (refusing) throw new Error('queue unavailable')
      sent.push(body)
    },
    async sendBatch(batch: Iterable<MessageSendRequest<EventMessage>>) {
      if (refusing) throw new Error('queue unavailable')
      for (const m of batch) sent.push(m.body)
    },
  }
  return queue
}

const RELAY = '*/5 * * * *'
const queue = recordingQueue()
const cards = resource(Card, {
  repo: Cards,
  name: 'Card',
  views: {
    read: dto('CardRead', Card.fields),
    create: inputDto('CardCreate', include(Card.fields, ['title', 'done', 'tags'])),
    patch: inputDto('CardPatch', partial(include(Card.fields, ['title', 'done']))),
  },
  events: {
    created: emits(CardCreated, ({ id, title, done, tags }) => ({ id, title, done, tags, kind: 'card' })),
    changed: emits(CardChanged, (row) => ({ card: { id: row.id, done: row.done } })),
    deleted: emits(CardDeleted, ({ id }) => ({ id })),
  },
})
const listeners = [durable(CardCreated), durable(CardChanged), durable(CardDeleted)]
const app = createApp({
  middleware: [requestId()],
  plugins: [
    validation(),
    events({
      listeners,
      queue: () => queue as unknown as Queue<EventMessage>,
      consume: { queue: 'cards-events', deadLetter: false },
      outbox: { database: (e) => e.DB, relay: RELAY },
    }),
  ],
  dependencies: [provide(Cards, (ctx) => new Repository(ctx.env.DB, Card))],
  handlers: [router({ path: '/cards', handlers: Object.values(cards) })],
})
const client = testClient(app, { env, contract: false })
const outboxRows = async () =>
  (await env.DB.prepare('SELECT id, event, payload FROM event_outbox ORDER BY created_at').all()).results
const create = (title: string) =>
  client.fetch('/cards', { method: 'POST', json: { title, done: false, tags: ['a', 'b'] } })

afterEach(() => {
  queue.sent.length = 0
  queue.refuse(false)
  seen.length = 0
  vi.restoreAllMocks()
})

describe('the events outbox: events commit in the write’s batch', () => {
  it('delivers an event written in the batch: the payload as stored, with its event id; then the row is gone', async () => {
    const res = await create('first')
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    expect(queue.sent).toEqual([
      {
        event: 'card.created',
        listener: 'record',
        payload: { id, title: 'first', done: false, tags: ['a', 'b'], kind: 'card' },
        requestId: expect.any(String),
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    ])
    expect(await outboxRows()).toEqual([])
  })

  it('stores text exactly as written: quotes, backslashes, JSON-looking text and non-ASCII stay one string', async () => {
    const title = '{"x":1} "quoted" \\ back </script> ✓ \u0000'
    const res = await create(title)
    expect(res.status).toBe(201)
    expect(queue.sent.map((m) => (m.payload as { title: unknown }).title)).toEqual([title])
  })

  it('writes the changed row’s fields and a deletion’s key, each only when the write changed a row', async () => {
    const { id } = (await (await create('second')).json()) as { id: number }
    queue.sent.length = 0
    expect((await client.fetch(`/cards/${id}`, { method: 'PATCH', json: { done: true } })).status).toBe(200)
    expect((await client.fetch(`/cards/${id}`, { method: 'DELETE' })).status).toBe(204)
    expect(queue.sent.map((m) => [m.event, m.payload])).toEqual([
      ['card.changed', { card: { id, done: true } }],
      ['card.deleted', { id }],
    ])
    expect(new Set(queue.sent.map((m) => m.eventId)).size).toBe(2)
    expect(await outboxRows()).toEqual([])
  })

  it('leaves no event when the write fails: a UNIQUE clash, a stale If-Match, a row that is not there', async () => {
    const { id } = (await (await create('taken')).json()) as { id: number }
    queue.sent.length = 0
    expect((await create('taken')).status).toBe(409)
    const stale = await client.fetch(`/cards/${id}`, {
      method: 'PATCH',
      json: { done: true },
      headers: { 'if-match': '"99"' },
    })
    expect(stale.status).toBe(412)
    expect((await client.fetch('/cards/987654', { method: 'PATCH', json: { done: true } })).status).toBe(404)
    expect((await client.fetch('/cards/987654', { method: 'DELETE' })).status).toBe(404)
    expect(queue.sent).toEqual([])
    expect(await outboxRows()).toEqual([])
  })

  it('keeps a row whose delivery was lost, and the relay sends it once it is older than a minute', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    queue.refuse(true)
    const res = await create('lost')
    // The write committed, so the caller hears so: the event waits in the outbox.
    expect(res.status).toBe(201)
    const [row] = (await outboxRows()) as { id: string; event: string }[]
    expect(row?.event).toBe('card.created')
    queue.refuse(false)
    await client.scheduled(RELAY)
    // Too fresh: its delivery after the response may still be under way.
    expect(queue.sent).toEqual([])
    const clock = fakeClock()
    try {
      clock.advance(61_000)
      await client.scheduled(RELAY)
    } finally {
      clock.restore()
    }
    expect(queue.sent.map((m) => [m.event, m.eventId, (m.payload as { title: string }).title])).toEqual([
      ['card.created', row!.id, 'lost'],
    ])
    expect(await outboxRows()).toEqual([])
  })

  it('tells a listener the same event id on a duplicate delivery, so it can act once', async () => {
    const body = { event: 'card.created', listener: 'record', payload: { id: 1 }, requestId: 'r', eventId: 'e-1' }
    await client.queue('cards-events', [{ body }])
    await client.queue('cards-events', [{ body }])
    expect(seen.map((s) => s.eventId)).toEqual(['e-1', 'e-1'])
  })
})

describe('an event payload the outbox cannot build is refused when the resource is made', () => {
  const make = (payload: (row: { id: number; title: string }) => unknown) => () =>
    resource(Card, {
      repo: Cards,
      name: 'Card',
      views: { read: dto('CardRead2', Card.fields), create: inputDto('CardCreate2', include(Card.fields, ['title'])) },
      events: { created: emits(CardCreated, payload as never) },
    })

  it('refuses a payload that computes with a field, names a field the model lacks, or is no plain data', () => {
    expect(make((row) => ({ title: row.title.toUpperCase() }))).toThrow(/resource\(Card\).*card\.created/)
    expect(make((row) => ({ title: `${row.title}!` }))).toThrow(/may only pick fields/)
    expect(make((row) => ({ next: row.id + 1 }))).toThrow(/may only pick fields/)
    expect(make((row) => ({ id: (row as unknown as { nope: number }).nope }))).toThrow(/payload\.id is undefined/)
    expect(make(() => ({ at: new Date(0) }))).toThrow(/no plain object/)
    expect(make((row) => ({ id: row.id, title: row.title }))).not.toThrow()
  })
})
