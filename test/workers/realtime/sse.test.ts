import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, guard, unauthorized } from '../../../src/core'
import { responseCache } from '../../../src/core/cache'
import { generateDocument } from '../../../src/core/openapi'
import { frameComment, frameEvent, realtime, type StreamControl, sse } from '../../../src/core/realtime'
import { kvStore } from '../../../src/core/stores'
import { testClient } from '../../../src/core/testing'
import { problem } from '../helpers'

/** Reads an event stream's text until `done` says it has what it needs; then cancels it, as a client leaving. */
async function readUntil(res: Response, done: (text: string) => boolean): Promise<string> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  while (!done(text)) {
    const { value, done: end } = await reader.read()
    if (end) break
    text += value
  }
  await reader.cancel()
  return text
}

describe('server-sent event framing', () => {
  it('frames id, event and retry, and splits multi-line data into one data line each', () => {
    expect(frameEvent({ id: '7', event: 'note', retry: 1000, data: 'one\ntwo\r\nthree' })).toBe(
      'id: 7\nevent: note\nretry: 1000\ndata: one\ndata: two\ndata: three\n\n',
    )
    expect(frameEvent({ data: { a: 1 } })).toBe('data: {"a":1}\n\n')
    expect(frameEvent({ event: 'message', data: 'x' })).toBe('data: x\n\n')
    expect(frameComment('beat\nbeat')).toBe(': beat beat\n\n')
  })

  it('refuses an id or event name that would break out of its line', () => {
    expect(() => frameEvent({ id: '1\ndata: forged', data: 'x' })).toThrow(/line break/)
    expect(() => frameEvent({ event: 'a\rb', data: 'x' })).toThrow(/line break/)
  })
})

const Tick = v.object({ n: v.pipe(v.number(), v.integer()) })
const deny = guard({ errors: [401] }, ({ request }) => {
  if (request.headers.get('x-deny')) unauthorized('Denied before the stream')
})

/** An app whose one SSE route records what its producer saw, so tests can look inside. */
function streamApp(heartbeat = 0) {
  const seen: { lastEventId?: string; aborted: boolean; finished: boolean; runs: number } = {
    aborted: false,
    finished: false,
    runs: 0,
  }
  let release: () => void = () => undefined
  const released = new Promise<void>((r) => (release = r))
  const ticks = get(
    '/ticks',
    {
      ...sse({ tick: Tick, note: v.string() }, { heartbeat, retry: 2500 }),
      guards: [deny],
      cache: { ttl: 60 },
    },
    () =>
      async function* (stream: StreamControl) {
        seen.runs++
        seen.lastEventId = stream.lastEventId
        stream.signal.addEventListener('abort', () => (seen.aborted = true))
        try {
          const from = Number(stream.lastEventId ?? 0)
          yield { id: String(from + 1), event: 'tick' as const, data: { n: from + 1 } }
          yield { event: 'note' as const, data: 'line one\nline two' }
          await released
          yield { id: String(from + 2), event: 'tick' as const, data: { n: from + 2 } }
        } finally {
          seen.finished = true
        }
      },
  )
  const bad = get('/bad', sse({ tick: Tick }), () =>
    (async function* () {
      yield { event: 'tick' as const, data: { n: 1.5 } }
    })(),
  )
  // A hand-made stream, without the no-store header eventStream adds: the cache must still pass it by.
  const raw = get('/raw', { cache: { ttl: 60 } }, () => {
    const body = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('data: raw\n\n')) })
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
  })
  const app = createApp({
    handlers: [ticks, bad, raw],
    plugins: [realtime(), responseCache({ store: kvStore({ binding: (env) => env.CACHE, namespace: 'sse-test' }) })],
  })
  return { app, seen, release }
}

describe('server-sent event streams from handlers', () => {
  it('streams text/event-stream: retry first, then framed, validated events; never cached', async () => {
    const { app, seen, release } = streamApp()
    for (let round = 1; round <= 2; round++) {
      const res = await testClient(app, { env }).fetch('/ticks')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
      expect(res.headers.get('cache-control')).toContain('no-store')
      expect(res.headers.get('cache-status')).not.toMatch(/hit|stored/)
      release()
      const text = await readUntil(res, (t) => t.includes('n":2'))
      expect(text).toBe(
        'retry: 2500\n\nid: 1\nevent: tick\ndata: {"n":1}\n\nevent: note\ndata: line one\ndata: line two\n\nid: 2\nevent: tick\ndata: {"n":2}\n\n',
      )
      expect(seen.runs).toBe(round)
    }
  })

  it('never has the response cache store an event stream, even one without no-store (it would wait forever)', async () => {
    const { app } = streamApp()
    const res = await testClient(app, { env }).fetch('/raw')
    expect(res.headers.get('cache-status')).toBe('edgestar; fwd=uri-miss')
    expect(await readUntil(res, (t) => t.includes('raw'))).toBe('data: raw\n\n')
  })

  it('passes Last-Event-ID to the producer, which resumes after it', async () => {
    const { app, seen, release } = streamApp()
    release()
    const res = await testClient(app, { env }).fetch('/ticks', { headers: { 'last-event-id': '41' } })
    const text = await readUntil(res, (t) => t.includes('"n":43'))
    expect(seen.lastEventId).toBe('41')
    expect(text).toContain('id: 42\nevent: tick\ndata: {"n":42}')
  })

  it('sends heartbeat comments while the producer is idle', async () => {
    const { app, release } = streamApp(5)
    const res = await testClient(app, { env }).fetch('/ticks')
    const text = await readUntil(res, (t) => t.includes(': heartbeat\n\n'))
    release()
    expect(text).toContain('line two\n\n')
    expect(text.endsWith(': heartbeat\n\n')).toBe(true)
  })

  it('stops the producer when the client disconnects: its signal aborts and its finally runs', async () => {
    const { app, seen, release } = streamApp()
    const res = await testClient(app, { env }).fetch('/ticks')
    await readUntil(res, (t) => t.includes('line two'))
    expect(seen.aborted).toBe(true)
    release()
    await expect.poll(() => seen.finished).toBe(true)
  })

  it('runs guards before streaming: a refusal is a problem, and the producer never starts', async () => {
    const { app, seen } = streamApp()
    const res = await testClient(app, { env }).fetch('/ticks', { headers: { 'x-deny': '1' } })
    expect(res.status).toBe(401)
    expect(await problem(res)).toMatchObject({ detail: 'Denied before the stream' })
    expect(seen.runs).toBe(0)
  })

  it('answers HEAD with 405 without starting the producer', async () => {
    const { app, seen } = streamApp()
    const res = await testClient(app, { env }).fetch('/ticks', { method: 'HEAD' })
    expect(res.status).toBe(405)
    expect(seen.runs).toBe(0)
  })

  it('ends the stream when an event does not match its schema (a bug, reported)', async () => {
    const { app } = streamApp()
    const errors: string[] = []
    const original = console.error
    console.error = (line: string) => errors.push(line)
    try {
      const res = await testClient(app, { env }).fetch('/bad')
      await expect(res.text()).rejects.toThrow()
    } finally {
      console.error = original
    }
    expect(errors.join('\n')).toMatch(/does not match its schema/)
  })

  it('refuses at build a route that declares events but not their stream (sse()), which would answer JSON', () => {
    const plain = get('/plain', { events: { tick: Tick } }, () => undefined as never)
    expect(() => createApp({ plugins: [realtime()], handlers: [plain] })).toThrow(
      /GET \/plain declares events.*sse\(\)/,
    )
    expect(() => createApp({ handlers: [plain] })).toThrow(
      'Route GET /plain sets the option "events", which no registered plugin owns',
    )
  })

  it('documents the route as text/event-stream: text to a 3.1 client, one item alternative per event type', () => {
    const { app } = streamApp()
    type Media = { schema: { type: string }; 'x-itemSchema': { oneOf: { title: string }[] } }
    const doc = generateDocument(app, { title: 't', version: '1' }) as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, Media> }> } }>
    }
    const content = doc.paths['/ticks']!.get.responses['200']!.content
    expect(Object.keys(content)).toEqual(['text/event-stream'])
    expect(content['text/event-stream']!.schema.type).toBe('string')
    expect(content['text/event-stream']!['x-itemSchema'].oneOf.map((o) => o.title)).toEqual(['tick', 'note'])
  })
})
