import { evictDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { problem, sessionSetCookie } from '../helpers'
import { apiClient } from '../kit'
import { seedUser } from '../seed-user'
import { connect, join, ticketFor } from './socket'

const anyone = apiClient()
const upgrade = { upgrade: 'websocket' }
let rooms = 0
const freshRoom = () => `room-${++rooms}-${crypto.randomUUID().slice(0, 8)}`

describe('rooms: authentication before the upgrade', () => {
  it('answers a plain GET with 426, Upgrade: websocket, as a problem', async () => {
    const res = await anyone.fetch('/rooms/lobby')
    expect(res.status).toBe(426)
    expect(res.headers.get('upgrade')).toBe('websocket')
    expect(await problem(res)).toMatchObject({ status: 426, title: 'Upgrade Required' })
  })

  it('refuses an upgrade without a ticket, or with an unknown one, with a 401 problem', async () => {
    for (const path of ['/rooms/lobby', '/rooms/lobby?ticket=not-a-ticket']) {
      const res = await anyone.fetch(path, { headers: upgrade })
      expect(res.status).toBe(401)
      expect(res.webSocket).toBeNull()
      expect(await problem(res)).toMatchObject({ status: 401 })
    }
  })

  it('opens a room with a session cookie from the same site, refuses it from a cross-site page (403)', async () => {
    const user = await seedUser()
    const login = await anyone.fetch('/auth/session', {
      method: 'POST',
      headers: { 'cf-connecting-ip': '192.0.2.77' },
      json: { email: user.email, password: user.password },
    })
    expect(login.status).toBe(200)
    await login.arrayBuffer()
    const cookie = sessionSetCookie(login)!.split(';')[0]!
    const room = freshRoom()
    const hijack = await anyone.fetch(`/rooms/${room}`, {
      headers: { ...upgrade, cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(hijack.status).toBe(403)
    expect(hijack.webSocket).toBeNull()
    expect(await problem(hijack)).toMatchObject({ status: 403 })
    // The spellings a hijacking page can send: an opaque origin, an origin without Sec-Fetch-Site, a sibling
    // site, the API's own origin in another case (browsers send it in lower case), and a lying Sec-Fetch-Site
    // that is not one of the allowed values.
    const spellings: Record<string, string>[] = [
      { origin: 'null' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'HTTPS://API.TEST' },
      { origin: 'https://api.test.evil.example' },
      { 'sec-fetch-site': 'Same-Origin', origin: 'https://evil.example' },
    ]
    for (const spelling of spellings) {
      const res = await anyone.fetch(`/rooms/${room}`, { headers: { ...upgrade, cookie, ...spelling } })
      expect(res.status, JSON.stringify(spelling)).toBe(403)
      expect(res.webSocket).toBeNull()
      await res.arrayBuffer()
    }
    // A bearer token is no WebSocket credential: without a ticket or a session it is a 401.
    const bearerOnly = await anyone.fetch(`/rooms/${room}`, {
      headers: { ...upgrade, authorization: `Bearer ${user.token}` },
    })
    expect(bearerOnly.status).toBe(401)
    await bearerOnly.arrayBuffer()
    const socket = await connect(`/rooms/${room}`, {
      cookie,
      origin: 'https://api.test',
      'sec-fetch-site': 'same-origin',
    })
    const welcome = await socket.until<{ you: { id: string } }>('welcome')
    expect(welcome.you.id).toBe(String(user.id))
    socket.ws.close(1000)
  })

  it('gives tickets only to logged-in users', async () => {
    const res = await anyone.fetch('/rooms/lobby/ticket', { method: 'POST' })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    await res.arrayBuffer()
  })

  it('opens one connection per ticket: a second use, or another room, is refused', async () => {
    const user = await seedUser()
    const room = freshRoom()
    const ticket = await ticketFor(room, user.token)
    expect((await anyone.fetch(`/rooms/${freshRoom()}?ticket=${ticket}`, { headers: upgrade })).status).toBe(401)
    // The failed attempt elsewhere did not consume it: tickets live in their own room.
    const first = await connect(`/rooms/${room}?ticket=${ticket}`)
    expect((await first.next()).type).toBe('welcome')
    const again = await anyone.fetch(`/rooms/${room}?ticket=${ticket}`, { headers: upgrade })
    expect(again.status).toBe(401)
    await again.arrayBuffer()
    first.ws.close(1000)
  })

  it('takes the Upgrade token in any case, and answers a near miss with 426 without using the ticket', async () => {
    const user = await seedUser()
    const room = freshRoom()
    const ticket = await ticketFor(room, user.token)
    for (const spelling of ['websocket2', 'web socket', 'h2c', 'websocket, h2c', ' ']) {
      const res = await anyone.fetch(`/rooms/${room}?ticket=${ticket}`, { headers: { upgrade: spelling } })
      expect(res.status, spelling).toBe(426)
      expect(res.headers.get('upgrade')).toBe('websocket')
      await res.arrayBuffer()
    }
    const socket = await connect(`/rooms/${room}?ticket=${ticket}`, { upgrade: 'WebSocket' })
    expect((await socket.next()).type).toBe('welcome')
    socket.ws.close(1000)
  })

  it('answers HEAD on a channel with 405 instead of upgrading', async () => {
    // (workerd itself sends a HEAD carrying Upgrade: websocket as a GET, so the plain HEAD is what reaches us.)
    const res = await anyone.fetch('/rooms/lobby', { method: 'HEAD' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET')
  })
})

describe('rooms: messages, presence and history', () => {
  it('welcomes a joiner as itself, shows presence to both sides, and broadcasts to the room', async () => {
    const [ada, bob] = [await seedUser(), await seedUser()]
    const room = freshRoom()
    const a = await join(room, ada.token)
    expect(a.welcome.you).toEqual({ id: String(ada.id), name: expect.stringContaining('Seeded user') })
    expect(a.welcome.who).toEqual([a.welcome.you])
    const b = await join(room, bob.token)
    expect(b.welcome.who).toHaveLength(2)
    const joined = await a.socket.next<{ type: string; user: { id: string } }>()
    expect(joined).toMatchObject({ type: 'join', user: { id: String(bob.id) } })

    b.socket.send({ type: 'say', text: '  hello room ' })
    for (const s of [a.socket, b.socket])
      expect(await s.until('message')).toMatchObject({
        type: 'message',
        seq: 1,
        text: 'hello room',
        from: { id: String(bob.id) },
      })

    b.socket.ws.close(1000, 'bye')
    expect(await a.socket.until('leave')).toMatchObject({ user: { id: String(bob.id) }, who: [{ id: String(ada.id) }] })
    a.socket.ws.close(1000)
  })

  it('replays the last messages to a joiner, oldest first', async () => {
    const user = await seedUser()
    const room = freshRoom()
    const a = await join(room, user.token)
    for (const text of ['one', 'two', 'three']) {
      a.socket.send({ type: 'say', text })
      await a.socket.until('message')
    }
    const later = await join(room, user.token)
    expect((later.welcome.history as { text: string }[]).map((m) => m.text)).toEqual(['one', 'two', 'three'])
    a.socket.ws.close(1000)
    later.socket.ws.close(1000)
  })

  it("whispers reach only the recipient's connections and the sender's", async () => {
    const [ada, bob, eve] = [await seedUser(), await seedUser(), await seedUser()]
    const room = freshRoom()
    const a = await join(room, ada.token)
    const b = await join(room, bob.token)
    const e = await join(room, eve.token)
    a.socket.send({ type: 'whisper', to: String(bob.id), text: 'psst' })
    expect(await b.socket.until('whispered')).toMatchObject({ text: 'psst', from: { id: String(ada.id) } })
    expect(await a.socket.until('whispered')).toMatchObject({ to: String(bob.id) })
    // Eve sees only presence, then the broadcast that follows: never the whisper.
    a.socket.send({ type: 'say', text: 'public' })
    const seen: string[] = []
    for (;;) {
      const f = await e.socket.next<{ type: string }>()
      seen.push(f.type)
      if (f.type === 'message') break
    }
    expect(seen).not.toContain('whispered')
    for (const s of [a, b, e]) s.socket.ws.close(1000)
  })

  it('answers an invalid message with an error frame naming the field, and keeps the connection open', async () => {
    const user = await seedUser()
    const { socket } = await join(freshRoom(), user.token)
    socket.send({ type: 'say', text: '' })
    const error = await socket.next<{ type: string; problems: { pointer: string }[] }>()
    expect(error.type).toBe('error')
    expect(error.problems[0]!.pointer).toBe('/text')
    socket.send({ type: 'shout', text: 'x' })
    expect((await socket.next<{ problems: { pointer: string }[] }>()).problems[0]!.pointer).toBe('/type')
    socket.send('{not json')
    expect(await socket.next()).toMatchObject({ type: 'error', message: 'The message is not JSON' })
    socket.send({ type: 'say', text: 'still here' })
    expect(await socket.until('message')).toMatchObject({ text: 'still here' })
    socket.ws.close(1000)
  })

  it('answers ping with pong itself (the auto-response)', async () => {
    const user = await seedUser()
    const { socket } = await join(freshRoom(), user.token)
    socket.send('ping')
    expect(await socket.next()).toBe('pong')
    socket.ws.close(1000)
  })
})

describe('rooms: limits close abusive sockets', () => {
  it('closes a socket that sends a message over the size limit with 1009', async () => {
    const user = await seedUser()
    const { socket } = await join(freshRoom(), user.token)
    socket.send({ type: 'say', text: 'x'.repeat(5000) })
    expect((await socket.closed).code).toBe(1009)
  })

  it('closes a socket that sends more than 10 messages in a second with 1008', async () => {
    const user = await seedUser()
    const { socket } = await join(freshRoom(), user.token)
    for (let i = 0; i < 30; i++) socket.send({ type: 'say', text: `m${i}` })
    expect((await socket.closed).code).toBe(1008)
  })
})

describe('rooms: hibernation', () => {
  it('keeps who each connection is and its counters across the object being evicted and rebuilt', async () => {
    const user = await seedUser()
    const room = freshRoom()
    const { socket, welcome } = await join(room, user.token)
    socket.send({ type: 'say', text: 'before' })
    await socket.until('message')
    const stub = env.ROOMS.getByName(room)
    await evictDurableObject(stub)
    // A new instance handles this message: it knows the sender only from the socket's attachment.
    socket.send({ type: 'say', text: 'after' })
    expect(await socket.until('message')).toMatchObject({ seq: 2, text: 'after', from: welcome.you })
    // ...and the rate counter went on from where it was: 2 messages so far, 9 more trip the limit of 10.
    for (let i = 0; i < 9; i++) socket.send({ type: 'say', text: `m${i}` })
    expect((await socket.closed).code).toBe(1008)
  })
})
