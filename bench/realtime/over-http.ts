import type { DevServer } from '../../test/node/dev-server'

/** Fan-out and feed latency measured over wrangler dev. */
export interface RealtimeHttpResult {
  readonly sockets: number
  readonly messages: number
  /** Messages the room broadcast per second, each to every socket. */
  readonly messagesPerSecond: number
  /** Frames delivered per second across all sockets. */
  readonly deliveriesPerSecond: number
  readonly posts: number
  /** Milliseconds from sending POST /posts to its event arriving on /posts/live. */
  readonly postToEvent: { readonly p50: number; readonly p99: number; readonly max: number }
}

// The rooms cap sockets at 5 per user and 20 per address (all of the bench's come from one): 4 users, 5 each.
const USERS = 4
const PER_USER = 5
const SOCKETS = USERS * PER_USER
const SENDERS = 20
const PER_SENDER = 5 // under the room's 10 messages per second per connection
const POSTS = 20
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!

async function login(url: string, email = 'alice@example.com', password = 'alice-password') {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const { accessToken } = (await res.json()) as { accessToken: string }
  const me = (await (
    await fetch(`${url}/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } })
  ).json()) as {
    id: number
  }
  return { token: accessToken, id: me.id }
}

/** Signs up a user of the bench's own and logs them in. */
async function freshUser(url: string, n: number): Promise<string> {
  const email = `bench-${Date.now()}-${n}@example.com`
  const password = 'bench-password-1'
  await fetch(`${url}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Bench ${n}`, email, age: 30, password }),
  })
  return (await login(url, email, password)).token
}

/** Opens SOCKETS sockets in one room; SENDERS of them send PER_SENDER messages each; times until all saw all. */
async function fanOut(url: string, tokens: readonly string[]) {
  const room = `bench-${Date.now()}`
  const expected = SENDERS * PER_SENDER
  const sockets: WebSocket[] = []
  let resolveAll: () => void = () => undefined
  const all = new Promise<void>((r) => (resolveAll = r))
  let done = 0
  for (let i = 0; i < SOCKETS; i++) {
    const token = tokens[i % tokens.length]!
    const ticket = (await (
      await fetch(`${url}/rooms/${room}/ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
    ).json()) as { url: string }
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${ticket.url}`)
    let seen = 0
    ws.addEventListener('message', (e) => {
      if (!String(e.data).startsWith('{"type":"message"')) return
      if (++seen === expected && ++done === SOCKETS) resolveAll()
    })
    await new Promise((r, j) => {
      ws.addEventListener('open', r)
      ws.addEventListener('error', j)
    })
    sockets.push(ws)
  }
  const start = performance.now()
  for (let s = 0; s < SENDERS; s++)
    for (let m = 0; m < PER_SENDER; m++) sockets[s]!.send(JSON.stringify({ type: 'say', text: `m${s}-${m}` }))
  await all
  const seconds = (performance.now() - start) / 1000
  for (const ws of sockets) ws.close()
  return { messagesPerSecond: expected / seconds, deliveriesPerSecond: (expected * SOCKETS) / seconds }
}

/** Subscribes to /posts/live, creates POSTS posts one after another, and times each until its event arrives. */
async function postToEvent(url: string, token: string, authorId: number) {
  const abort = new AbortController()
  const res = await fetch(`${url}/posts/live`, { signal: abort.signal })
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  while (!text.includes('retry:')) text += (await reader.read()).value ?? ''
  const times: number[] = []
  for (let i = 0; i < POSTS; i++) {
    const title = `bench ${i} ${Date.now()}`
    const start = performance.now()
    const created = fetch(`${url}/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ authorId, title, content: 'x' }),
    })
    while (!text.includes(title)) text += (await reader.read()).value ?? ''
    times.push(performance.now() - start)
    await (await created).arrayBuffer()
    text = ''
  }
  abort.abort()
  return { p50: pct(times, 0.5), p99: pct(times, 0.99), max: Math.max(...times) }
}

/** Both realtime measurements against one running dev server of the reference API. */
export async function realtimeOverHttp(server: DevServer): Promise<RealtimeHttpResult> {
  const { token, id } = await login(server.url)
  const tokens = await Promise.all(Array.from({ length: USERS }, (_, n) => freshUser(server.url, n)))
  const fan = await fanOut(server.url, tokens)
  const latency = await postToEvent(server.url, token, id)
  return { sockets: SOCKETS, messages: SENDERS * PER_SENDER, ...fan, posts: POSTS, postToEvent: latency }
}
