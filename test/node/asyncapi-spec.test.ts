import { readFileSync } from 'node:fs'
import { Parser } from '@asyncapi/parser'
import { describe, expect, it } from 'vitest'

const committed = JSON.parse(readFileSync('schema/asyncapi.json', 'utf8')) as Record<string, unknown>
// Severity 0 is an error; warnings and hints are reported but allowed.
const errorsOf = async (document: unknown) => {
  const { diagnostics } = await new Parser().parse(JSON.stringify(document))
  return diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)
}

describe('schema/asyncapi.json', () => {
  it('is a valid AsyncAPI 3.0 document by @asyncapi/parser', async () => {
    expect(committed.asyncapi).toBe('3.0.0')
    expect(await errorsOf(committed)).toEqual([])
  })

  it('describes the rooms channel and the posts stream, with their messages and operations', async () => {
    const { document } = await new Parser().parse(JSON.stringify(committed))
    const channels = document!
      .channels()
      .all()
      .map((c) => c.address())
    expect(channels).toEqual(expect.arrayContaining(['/rooms/{room}', '/posts/live']))
    const room = document!
      .channels()
      .all()
      .find((c) => c.address() === '/rooms/{room}')!
    expect(
      room
        .messages()
        .all()
        .map((m) => m.name()),
    ).toEqual(
      expect.arrayContaining([
        'ChatSay',
        'ChatWhisper',
        'ChatMessage',
        'RoomWelcome',
        'RoomJoin',
        'RoomLeave',
        'RoomError',
      ]),
    )
    const actions = document!
      .operations()
      .all()
      .map((o) => `${o.action()} ${o.channels().all()[0]?.address()}`)
    expect(actions).toEqual(expect.arrayContaining(['send /rooms/{room}', 'receive /rooms/{room}', 'send /posts/live']))
  })

  it('describes the events queue: its message schema and the operation that consumes it', () => {
    const doc = committed as {
      channels: Record<string, { servers: unknown[] }>
      operations: Record<string, { action: string }>
      components: { messages: Record<string, { payload: { required?: string[] } }> }
    }
    expect(doc.channels.eventsQueue?.servers).toEqual([{ $ref: '#/servers/queues' }])
    expect(doc.operations.eventsQueueReceive?.action).toBe('receive')
    expect(doc.components.messages.EventsMessage?.payload.required).toEqual(['event', 'listener', 'payload'])
  })

  it('is refused by the parser when broken, so the check above can fail', async () => {
    const broken = structuredClone(committed) as { operations: Record<string, { channel: unknown }> }
    for (const op of Object.values(broken.operations)) op.channel = { $ref: '#/channels/nowhere' }
    expect((await errorsOf(broken)).length).toBeGreaterThan(0)
  })
})
