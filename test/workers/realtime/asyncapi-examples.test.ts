import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get } from '../../../src/core'
import { generateAsyncApi } from '../../../src/core/asyncapi'
import { realtime, sse } from '../../../src/core/realtime'

const info = { title: 't', version: '1' }
const Tick = (examples: unknown[]) => v.pipe(v.object({ n: v.number() }), v.title('Tick'), v.metadata({ examples }))
const appWith = (tick: v.GenericSchema) =>
  createApp({
    plugins: [realtime()],
    handlers: [get('/ticks', { ...sse({ tick }, { retry: 1000, heartbeat: 0 }) }, () => (async function* () {})())],
  })

type Doc = {
  channels: Record<string, { description?: string }>
  components: { messages: Record<string, { headers?: unknown; examples?: unknown[] }> }
}

describe('AsyncAPI messages: examples from their schemas, and SSE framing', () => {
  it('gives a message one example per example its schema declares, with the event fields it is framed with', () => {
    const doc = generateAsyncApi(appWith(Tick([{ n: 1 }])), info) as Doc
    expect(doc.components.messages.TicksTick?.examples).toEqual([
      { name: 'TicksTick', headers: { event: 'tick', id: '1' }, payload: { n: 1 } },
    ])
    expect(doc.channels.ticks?.description).toContain('The stream opens with `retry: 1000`')
    expect(doc.channels.ticks?.description).not.toContain('heartbeat')
  })

  it('refuses an example its own schema rejects: a document never shows what the server could not send', () => {
    expect(() => generateAsyncApi(appWith(Tick([{ n: 'one' }])), info)).toThrow(
      /The example 1 of message TicksTick does not match its schema/,
    )
  })
})
