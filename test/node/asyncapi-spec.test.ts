import { readFileSync } from 'node:fs'
import { Parser } from '@asyncapi/parser'
import { describe, expect, it } from 'vitest'
import { schemaCheck } from '../../src/core/testing/contract-schema'

type Message = {
  payload: unknown
  headers?: { properties?: Record<string, { description?: string }> }
  examples?: { headers?: unknown; payload?: unknown }[]
}
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

  it('gives every message at least one example, each valid against its payload (and headers) schema', () => {
    const doc = committed as { components: { messages: Record<string, Message> } }
    const check = schemaCheck(committed)
    for (const [name, message] of Object.entries(doc.components.messages)) {
      expect(message.examples?.length, `${name} has no example`).toBeGreaterThan(0)
      for (const example of message.examples ?? []) {
        expect(check(message.payload, example.payload), `${name} payload`).toEqual([])
        if (message.headers) expect(check(message.headers, example.headers), `${name} headers`).toEqual([])
      }
    }
    // The check can fail: a payload that breaks its schema is reported.
    const say = doc.components.messages.ChatSay!
    expect(check(say.payload, { type: 'say' })).not.toEqual([])
  })

  it('describes SSE framing (event, id, retry) and Last-Event-ID resumption on the stream', () => {
    const doc = committed as {
      channels: Record<string, { description?: string }>
      components: { messages: Record<string, Message> }
    }
    const created = doc.components.messages.PostsLivePostCreated!
    expect(created.headers?.properties?.event).toMatchObject({ const: 'post.created' })
    expect(created.headers?.properties?.id?.description).toMatch(/Last-Event-ID/)
    expect(doc.channels.postsLive?.description).toMatch(/`retry: 3000`/)
    expect(doc.channels.postsLive?.description).toMatch(/`Last-Event-ID` request header/)
  })

  it("names both upgrade credentials of a room (ticket and session cookie) and the upgrade's refusals", () => {
    const doc = committed as {
      channels: Record<string, { description?: string }>
      operations: Record<string, { security?: { $ref: string }[] }>
      components: { securitySchemes: Record<string, { type: string; in?: string; description?: string }> }
    }
    for (const op of ['roomsByRoomSend', 'roomsByRoomReceive'])
      expect(doc.operations[op]?.security).toEqual([
        { $ref: '#/components/securitySchemes/roomTicket' },
        { $ref: '#/components/securitySchemes/cookieAuth' },
      ])
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ type: 'httpApiKey', in: 'cookie' })
    expect(doc.components.securitySchemes.cookieAuth?.description).toMatch(/cross-site page is refused \(403\)/)
    expect(doc.channels.roomsByRoom?.description).toMatch(
      /Before the upgrade .*401 Unauthorized, 403 Forbidden, 426 Upgrade Required, 429 Too Many Requests/,
    )
  })

  it('says every timestamp is a date-time', () => {
    const doc = committed as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }
    const stamps = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([key]) => key === 'at' || key.endsWith('At'))
        .map(([key, property]) => [`${name}.${key}`, property] as const),
    )
    expect(stamps.map(([where]) => where)).toEqual(expect.arrayContaining(['ChatWhispered.at', 'ChatMessage.at']))
    for (const [where, property] of stamps) expect(property, where).toMatchObject({ format: 'date-time' })
  })

  it('is refused by the parser when broken, so the check above can fail', async () => {
    const broken = structuredClone(committed) as { operations: Record<string, { channel: unknown }> }
    for (const op of Object.values(broken.operations)) op.channel = { $ref: '#/channels/nowhere' }
    expect((await errorsOf(broken)).length).toBeGreaterThan(0)
  })
})
