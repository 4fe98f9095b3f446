import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import asyncapi from '../../../schema/asyncapi.json'
import { api, asyncApiInfo } from '../../../src/app/api'
import { createApp } from '../../../src/core'
import { generateAsyncApi } from '../../../src/core/asyncapi'
import { apiClient, createUser } from '../kit'

const anyone = apiClient()
const admin = await anyone.as({ role: 'admin' })

/** A subscriber to /posts/live that parses events as they arrive. */
async function subscribe(headers: Record<string, string> = {}) {
  const res = await anyone.fetch('/posts/live', { headers })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  // The stream subscribes to the feed once read: in process nothing pumps the body as the runtime does, so a
  // read is always pending.
  let reading = reader.read()
  let buffer = ''
  const next = async (): Promise<{ id?: string; event?: string; data?: unknown }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n')
      if (end !== -1) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const fields: Record<string, string> = {}
        for (const line of block.split('\n')) {
          const i = line.indexOf(': ')
          if (line.startsWith(':') || i === -1) continue
          const [k, val] = [line.slice(0, i), line.slice(i + 2)]
          fields[k] = k in fields ? `${fields[k]}\n${val}` : val
        }
        if (fields.data !== undefined) return { id: fields.id, event: fields.event, data: JSON.parse(fields.data) }
        continue
      }
      const { value, done } = await reading
      if (done) throw new Error('stream ended')
      reading = reader.read()
      buffer += value
    }
  }
  return { next, close: () => reader.cancel() }
}

const feed = () => env.POST_FEED.getByName('posts')

describe('GET /posts/live', () => {
  it('streams post.created, post.changed and post.deleted as they happen, through the events system', async () => {
    const { user } = await createUser(anyone)
    const live = await subscribe()
    await expect.poll(() => feed().subscriberCount()).toBeGreaterThan(0)
    const created = await admin.fetch('/posts', {
      method: 'POST',
      json: { authorId: user.id, title: 'Live', content: 'Now' },
    })
    const post = (await created.json()) as { id: number }
    const first = await live.next()
    expect(first).toMatchObject({ event: 'post.created', data: { id: post.id, authorId: user.id, title: 'Live' } })
    expect(first.id).toMatch(/^\d+$/)

    expect((await admin.fetch(`/posts/${post.id}`, { method: 'PATCH', json: { title: 'Later' } })).status).toBe(200)
    expect(await live.next()).toMatchObject({ event: 'post.changed', data: { id: post.id, title: 'Later' } })
    expect((await admin.fetch(`/posts/${post.id}`, { method: 'DELETE' })).status).toBe(204)
    const deleted = await live.next()
    expect(deleted).toMatchObject({ event: 'post.deleted', data: { id: post.id } })
    await live.close()

    // Reconnecting with the first event's id replays what came after it.
    const again = await subscribe({ 'last-event-id': first.id! })
    expect(await again.next()).toMatchObject({ event: 'post.changed', data: { id: post.id } })
    expect(await again.next()).toMatchObject({ event: 'post.deleted', id: deleted.id })
    await again.close()
  })

  it('forgets a subscriber once it disconnects', async () => {
    const live = await subscribe()
    await expect.poll(() => feed().subscriberCount()).toBeGreaterThan(0)
    await live.close()
    // The feed learns on its next write that the stream is gone.
    await feed().publish('post.deleted', { id: 999_999 })
    await expect.poll(() => feed().subscriberCount(), { timeout: 5000 }).toBe(0)
  })
})

describe('the AsyncAPI document', () => {
  it('is served at /asyncapi.json as committed, its servers naming the host that serves it', async () => {
    const res = await anyone.fetch('/asyncapi.json')
    expect(res.headers.get('content-type')).toBe('application/json')
    const served = (await res.json()) as typeof asyncapi
    expect({ ...served, servers: asyncapi.servers }).toEqual(asyncapi)
    expect(served.servers.websocket).toMatchObject({ host: 'api.test', protocol: 'wss' })
    expect(served.servers.http).toMatchObject({ host: 'api.test', protocol: 'https' })
    const plain = (await (await anyone.fetch('http://api.test/asyncapi.json')).json()) as typeof asyncapi
    expect(plain.servers.websocket).toMatchObject({ host: 'api.test', protocol: 'ws' })
  })

  it('keeps the committed document in step with the code (run `npm run schema` when this fails)', () => {
    expect(generateAsyncApi(createApp(api), asyncApiInfo)).toEqual(asyncapi)
  })
})
