import { env } from 'cloudflare:workers'
import createClient from 'openapi-fetch'
import { describe, expect, it } from 'vitest'
import type { components, paths } from '../../../schema/openapi'
import { apiClient, createUser } from '../kit'

type ExportLine = components['schemas']['ExportLine']
type PostCreated = components['schemas']['PostCreatedEvent']

const anyone = apiClient()
const admin = await anyone.as({ role: 'admin' })
/** A client generated from the committed document (openapi-typescript + openapi-fetch), sending through the kit. */
const generated = createClient<paths>({ baseUrl: 'https://api.test', fetch: (request) => admin.fetch(request) })

/** The text of a stream as it arrives, one read at a time (each item is checked by contract mode as it passes). */
function reading(stream: ReadableStream<Uint8Array>) {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader()
  let pending = reader.read()
  let buffer = ''
  return {
    /** Waits for the next item ending in `separator`. */
    async next(separator: string): Promise<string | undefined> {
      for (;;) {
        const end = buffer.indexOf(separator)
        if (end !== -1) {
          const item = buffer.slice(0, end)
          buffer = buffer.slice(end + separator.length)
          return item
        }
        const { value, done } = await pending
        if (done) return undefined
        pending = reader.read()
        buffer += value
      }
    },
    close: () => reader.cancel(),
  }
}

describe('a generated client reads each stream as the document describes it', () => {
  it('GET /export: a text body read as it arrives, each line an ExportLine', async () => {
    await createUser(admin)
    const { data, response } = await generated.GET('/export', { parseAs: 'stream' })
    expect(response.headers.get('content-type')).toBe('application/x-ndjson')
    const stream = reading(data!)
    const lines: ExportLine[] = []
    for (let line = await stream.next('\n'); line !== undefined; line = await stream.next('\n'))
      lines.push(JSON.parse(line) as ExportLine)
    expect(lines[0]!.kind).toBe('export')
    const users = lines.filter((l) => l.kind === 'user')
    expect(users.length).toBeGreaterThan(0)
    // The public view: a name, never an email (docs/security.md, privacy by construction).
    expect(users[0]).toMatchObject({ item: { id: expect.any(Number), name: expect.any(String) } })
    expect(users[0]!.item).not.toHaveProperty('email')
  })

  it('GET /posts/live: the call returns at once and each event is read as it happens, a PostCreatedEvent', async () => {
    const { user } = await createUser(admin)
    // An endless body: a client that took the document's 3.1 body for one JSON value would never return from here.
    const { data, response } = await generated.GET('/posts/live', { parseAs: 'stream' })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const stream = reading(data!)
    const first = stream.next('\n\n')
    await expect.poll(() => env.POST_FEED.getByName('posts').subscriberCount()).toBeGreaterThan(0)
    const created = await generated.POST('/posts', { body: { authorId: user.id, title: 'Live', content: 'Now' } })
    expect(created.response.status).toBe(201)
    let frame = await first
    while (frame !== undefined && !frame.includes('event: post.created')) frame = await stream.next('\n\n')
    const data0 = frame!.split('\n').find((l) => l.startsWith('data: '))!
    const event = JSON.parse(data0.slice('data: '.length)) as PostCreated
    expect(event).toMatchObject({ id: created.data!.id, authorId: user.id, title: 'Live' })
    await stream.close()
  })
})
