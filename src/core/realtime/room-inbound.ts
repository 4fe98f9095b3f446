import * as v from 'valibot'
import type { ErrorFrame } from './room-frames'
import { CLOSE, type RoomLimits } from './room-limits'
import type { RoomPrincipal } from './room-principal'

/** What a connection carries across hibernation, in its attachment (kept well under the 2 KB limit). */
export interface Attachment {
  readonly user: RoomPrincipal
  /** The client address the Worker saw at the upgrade (absent on sockets opened before addresses were kept). */
  readonly address?: string
  /** Start (ms) of the current one-second window, and messages received in it. */
  windowStart: number
  windowCount: number
  /** Messages received over the connection's life. */
  received: number
}

/** What to do with one inbound message: close the socket, answer with an error frame, or handle the value. */
export type Verdict<In> =
  | { readonly close: readonly [code: number, reason: string] }
  | { readonly error: v.InferOutput<typeof ErrorFrame> }
  | { readonly value: In }

const encoder = new TextEncoder()
const pointerOf = (issue: v.BaseIssue<unknown>) =>
  `/${(issue.path ?? []).map((p) => String(p.key).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`

/**
 * Judges one inbound message against the connection's limits (counted in its attachment, which the caller
 * saves) and the room's schema: too big is 1009, too fast 1008, binary 1003; bad JSON or a schema mismatch is an
 * error frame listing each problem by JSON pointer.
 */
export function judgeInbound<In>(
  message: string | ArrayBuffer,
  a: Attachment,
  limits: RoomLimits,
  schema: v.GenericSchema<unknown, In>,
  now = Date.now(),
): Verdict<In> {
  const size = typeof message === 'string' ? encoder.encode(message).byteLength : message.byteLength
  if (size > limits.maxMessageBytes)
    return { close: [CLOSE.tooBig, `Messages are limited to ${limits.maxMessageBytes} bytes`] }
  if (now - a.windowStart >= 1000) {
    a.windowStart = now
    a.windowCount = 0
  }
  a.windowCount++
  a.received++
  if (a.windowCount > limits.messagesPerSecond)
    return { close: [CLOSE.policy, `More than ${limits.messagesPerSecond} messages per second`] }
  if (typeof message !== 'string') return { close: [CLOSE.unsupported, 'Only text messages are accepted'] }
  let data: unknown
  try {
    data = JSON.parse(message)
  } catch {
    return {
      error: {
        type: 'error',
        message: 'The message is not JSON',
        problems: [{ pointer: '', message: 'Invalid JSON' }],
      },
    }
  }
  const parsed = v.safeParse(schema, data)
  if (parsed.success) return { value: parsed.output }
  const problems = parsed.issues.map((i) => ({ pointer: pointerOf(i), message: i.message }))
  return { error: { type: 'error', message: `${problems[0]!.pointer}: ${problems[0]!.message}`, problems } }
}
