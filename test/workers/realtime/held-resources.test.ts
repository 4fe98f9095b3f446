import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { problem } from '../helpers'
import { apiClient } from '../kit'
import { bearer, seedUser } from '../seed-user'
import { connect, type TestSocket, ticketFor } from './socket'

// Finding (medium): one account with tickets from 25 addresses held 1,000 sockets in one room; (low) 120 event
// streams held open from one address. The caps are DEFAULT_ROOM_LIMITS and FeedObject's fields.
const anyone = apiClient()
const upgrade = { upgrade: 'websocket' }
let rooms = 0
const freshRoom = () => `caps-${++rooms}-${crypto.randomUUID().slice(0, 8)}`

/** Opens a socket as the bearer of `token` from `address`; the welcome frame is taken. */
async function open(room: string, token: string, address = '192.0.2.1'): Promise<TestSocket> {
  const socket = await connect(`/rooms/${room}?ticket=${await ticketFor(room, token)}`, { 'cf-connecting-ip': address })
  expect((await socket.next()).type).toBe('welcome')
  return socket
}

/** An upgrade that must be refused: its problem. */
async function refused(room: string, token: string, address = '192.0.2.1') {
  const res = await anyone.fetch(`/rooms/${room}?ticket=${await ticketFor(room, token)}`, {
    headers: { ...upgrade, 'cf-connecting-ip': address },
  })
  expect(res.status).toBe(429)
  expect(res.headers.get('retry-after')).toBe('30')
  return problem(res)
}

const closeAll = async (sockets: TestSocket[]) => {
  for (const s of sockets) s.ws.close(1000)
  await Promise.all(sockets.map((s) => s.closed))
}

describe('sockets are capped per user and per address', () => {
  it('refuses a sixth socket of one user in a room with a 429 problem, and takes one again once a socket closes', async () => {
    const user = await seedUser()
    const room = freshRoom()
    const sockets: TestSocket[] = []
    for (let i = 0; i < 5; i++) sockets.push(await open(room, user.token, `192.0.2.${10 + i}`))
    // From a sixth address too: the cap is the user's, whatever address each ticket came from.
    expect(await refused(room, user.token, '192.0.2.99')).toMatchObject({
      status: 429,
      detail: 'At most 5 open connections per user in a room',
    })
    await closeAll(sockets.splice(0, 1))
    sockets.push(await open(room, user.token))
    await closeAll(sockets)
  })

  it('refuses a user’s 21st socket across rooms, counted by the room ledger', async () => {
    const user = await seedUser()
    const sockets: TestSocket[] = []
    for (let r = 0; r < 4; r++) {
      const room = freshRoom()
      for (let i = 0; i < 5; i++) sockets.push(await open(room, user.token))
    }
    expect(await refused(freshRoom(), user.token)).toMatchObject({
      detail: 'At most 20 open connections per user across rooms',
    })
    await closeAll(sockets.splice(0, 1))
    await expect
      .poll(async () => {
        const ledger = env.ROOM_LEDGER.getByName(`user:${user.id}`)
        return ledger.report('probe', 1, 20).then(async (ok) => (await ledger.report('probe', 0, 20)) && ok)
      })
      .toBe(true)
    sockets.push(await open(freshRoom(), user.token))
    await closeAll(sockets)
  })

  it('refuses a 21st socket from one address in a room, whoever the users are', async () => {
    const room = freshRoom()
    const users = await Promise.all(Array.from({ length: 21 }, () => seedUser()))
    const sockets: TestSocket[] = []
    for (const u of users.slice(0, 20)) sockets.push(await open(room, u.token, '198.51.100.7'))
    expect(await refused(room, users[20]!.token, '198.51.100.7')).toMatchObject({
      detail: 'At most 20 open connections per address in a room',
    })
    // Another address is its own count.
    sockets.push(await open(room, users[20]!.token, '198.51.100.8'))
    await closeAll(sockets)
  }, 30_000)
})

describe('tickets are capped per user', () => {
  it('issues 10 tickets per user per room in 30 seconds, then answers 429 with Retry-After', async () => {
    const user = await seedUser()
    const room = freshRoom()
    for (let i = 0; i < 10; i++) await ticketFor(room, user.token)
    const res = await anyone.fetch(`/rooms/${room}/ticket`, { method: 'POST', headers: bearer(user.token) })
    expect(res.status).toBe(429)
    const wait = Number(res.headers.get('retry-after'))
    expect(wait).toBeGreaterThanOrEqual(1)
    expect(wait).toBeLessThanOrEqual(30)
    expect(await problem(res)).toMatchObject({ detail: 'At most 10 tickets per user per 30 seconds for this room' })
    // Another user is not affected.
    await ticketFor(room, (await seedUser()).token)
  })
})

describe('event streams are capped per client', () => {
  const stream = (address: string) => anyone.fetch('/posts/live', { headers: { 'cf-connecting-ip': address } })

  it('holds 10 streams from one address, refuses the 11th with a 429 problem, and frees a slot when one closes', async () => {
    const open: Response[] = []
    for (let i = 0; i < 10; i++) {
      const res = await stream('203.0.113.9')
      expect(res.status).toBe(200)
      open.push(res)
    }
    const eleventh = await stream('203.0.113.9')
    expect(eleventh.status).toBe(429)
    expect(eleventh.headers.get('retry-after')).toBe('30')
    expect(await problem(eleventh)).toMatchObject({ detail: 'At most 10 open streams per client' })
    const other = await stream('203.0.113.10')
    expect(other.status).toBe(200)
    await other.body!.cancel()
    await open.shift()!.body!.cancel()
    await expect
      .poll(async () => {
        const res = await stream('203.0.113.9')
        if (res.status === 200) open.push(res)
        else await res.arrayBuffer()
        return res.status
      })
      .toBe(200)
    for (const res of open) await res.body!.cancel()
  })
})
