import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

/** A Node 22 WebSocket whose JSON frames are queued for the test to take in order. */
function open(url: string) {
  const ws = new WebSocket(url)
  const frames: Record<string, unknown>[] = []
  const waiting: ((f: Record<string, unknown>) => void)[] = []
  ws.addEventListener('message', (e) => {
    const f = JSON.parse(String(e.data)) as Record<string, unknown>
    const w = waiting.shift()
    w ? w(f) : frames.push(f)
  })
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve())
    ws.addEventListener('error', () => reject(new Error(`WebSocket to ${url} failed`)))
  })
  const next = () =>
    frames.length ? Promise.resolve(frames.shift()!) : new Promise<Record<string, unknown>>((r) => waiting.push(r))
  const until = async (type: string) => {
    for (;;) {
      const f = await next()
      if (f.type === type) return f
    }
  }
  return { ws, opened, until }
}

describe('realtime over real HTTP from wrangler dev', () => {
  let server: DevServer
  const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init)
  const login = async (email: string, password: string) => {
    const res = await call('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    expect(res.status).toBe(200)
    return ((await res.json()) as { accessToken: string }).accessToken
  }
  const ticket = async (room: string, token: string) => {
    const res = await call(`/rooms/${room}/ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    return (await res.json()) as { ticket: string; url: string }
  }

  beforeAll(async () => {
    server = await startDevServer({ seed: true })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('lets two logged-in users in one room see each other arrive and talk', async () => {
    const [alice, bob] = await Promise.all([
      login('alice@example.com', 'alice-password'),
      login('bob@example.com', 'bob-password'),
    ])
    const ws = server.url.replace(/^http/, 'ws')
    const a = open(`${ws}${(await ticket('http-lobby', alice)).url}`)
    await a.opened
    expect(await a.until('welcome')).toMatchObject({ you: { name: 'Alice Example' } })
    const b = open(`${ws}${(await ticket('http-lobby', bob)).url}`)
    await b.opened
    expect(await a.until('join')).toMatchObject({ user: { name: 'Bob Example' } })
    a.ws.send(JSON.stringify({ type: 'say', text: 'hi bob' }))
    expect(await b.until('message')).toMatchObject({ text: 'hi bob', from: { name: 'Alice Example' } })
    // The sender gets its own message back too: the room's order is the same for everyone.
    expect(await a.until('message')).toMatchObject({ text: 'hi bob' })
    b.ws.send(JSON.stringify({ type: 'say', text: 'hi alice' }))
    expect(await a.until('message')).toMatchObject({ text: 'hi alice', from: { name: 'Bob Example' } })
    a.ws.close()
    b.ws.close()
  })

  it('refuses an upgrade without a ticket with a 401 problem, before any upgrade', async () => {
    // fetch() will not send an Upgrade header, and a browser WebSocket hides the status: ask with node:http.
    const { status, type } = await new Promise<{ status?: number; type?: string }>((resolve, reject) => {
      const req = request(`${server.url}/rooms/http-lobby`, {
        headers: {
          upgrade: 'websocket',
          connection: 'Upgrade',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      })
      req.on('response', (res) => {
        res.resume()
        resolve({ status: res.statusCode, type: res.headers['content-type'] })
      })
      req.on('upgrade', () => reject(new Error('upgraded without a ticket')))
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(401)
    expect(type).toBe('application/problem+json')
  })

  it('delivers a newly created post to an SSE subscriber', async () => {
    const token = await login('alice@example.com', 'alice-password')
    const me = (await (await call('/auth/me', { headers: { authorization: `Bearer ${token}` } })).json()) as {
      id: number
    }
    const abort = new AbortController()
    const res = await call('/posts/live', { signal: abort.signal })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    // The stream opens with its retry line once the feed has the subscriber; then the post is created.
    while (!text.includes('retry:')) text += (await reader.read()).value ?? ''
    const created = await call('/posts', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ authorId: me.id, title: 'Over the wire', content: 'Live' }),
    })
    expect(created.status).toBe(201)
    while (!text.includes('Over the wire')) text += (await reader.read()).value ?? ''
    expect(text).toMatch(/event: post\.created\ndata: \{[^\n]*"title":"Over the wire"/)
    abort.abort()
  })
})
