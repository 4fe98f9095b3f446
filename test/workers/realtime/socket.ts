import { expect } from 'vitest'
import { apiClient } from '../kit'

const anyone = apiClient()

/** A client WebSocket inside workerd, with its frames queued for the test to take in order. */
export interface TestSocket {
  readonly ws: WebSocket
  /** The next JSON frame (waits for it). */
  next<T = Record<string, unknown>>(): Promise<T>
  /** Frames until one of `type` arrives; returns it. */
  until<T = Record<string, unknown>>(type: string): Promise<T>
  /** Resolves with the close event's code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>
  send(frame: unknown): void
}

/** Opens a WebSocket through the reference API; fails the test unless the upgrade is accepted. */
export async function connect(path: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const res = await anyone.fetch(path, { headers: { upgrade: 'websocket', ...headers } })
  expect(res.status, res.status === 101 ? '' : await res.text()).toBe(101)
  const ws = res.webSocket!
  const frames: string[] = []
  const waiting: ((text: string) => void)[] = []
  ws.addEventListener('message', (e) => {
    const text = typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data as ArrayBuffer)
    const w = waiting.shift()
    w ? w(text) : frames.push(text)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })),
  )
  ws.accept()
  const raw = () => {
    const f = frames.shift()
    return f !== undefined ? Promise.resolve(f) : new Promise<string>((r) => waiting.push(r))
  }
  const next = async <T>() => {
    const text = await raw()
    return (text === 'pong' ? text : JSON.parse(text)) as T
  }
  const until = async <T>(type: string): Promise<T> => {
    for (;;) {
      const f = await next<{ type?: string }>()
      if (f.type === type) return f as T
    }
  }
  return { ws, next, until, closed, send: (f) => ws.send(typeof f === 'string' ? f : JSON.stringify(f)) }
}

/** Asks the API for a ticket to a room as the bearer of `token`. */
export async function ticketFor(room: string, token: string): Promise<string> {
  const res = await anyone.fetch(`/rooms/${room}/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return ((await res.json()) as { ticket: string }).ticket
}

/** Opens a room as the bearer of `token`, through a fresh ticket, and takes the welcome frame. */
export async function join(room: string, token: string) {
  const socket = await connect(`/rooms/${room}?ticket=${await ticketFor(room, token)}`)
  const welcome = await socket.next<{
    type: string
    you: { id: string; name: string }
    who: unknown[]
    history: unknown[]
  }>()
  expect(welcome.type).toBe('welcome')
  return { socket, welcome }
}
