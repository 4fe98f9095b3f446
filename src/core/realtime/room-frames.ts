import * as v from 'valibot'
import { RoomPrincipal } from './room-principal'

const Who = v.pipe(v.array(RoomPrincipal), v.description('Everyone connected, one entry per user'))

/** A problem with one inbound message, by JSON pointer. */
export const FrameProblem = v.object({ pointer: v.string(), message: v.string() })

// Who the examples show: one user alone in a room, then a second one joining.
const first = { id: '1', name: 'First user' }
const second = { id: '2', name: 'Second user' }

/** Sent to a connection when it joins: who it is, who is here, and the room's latest messages. */
export const welcomeFrame = <S extends v.GenericSchema>(message: S) =>
  v.pipe(
    v.object({
      type: v.literal('welcome'),
      you: RoomPrincipal,
      who: Who,
      history: v.pipe(v.array(message), v.description('The latest messages, oldest first')),
    }),
    v.title('RoomWelcome'),
    // A new room's welcome: its history is empty until someone says something.
    v.metadata({ examples: [{ type: 'welcome', you: first, who: [first], history: [] }] }),
  )

/** Sent to everyone when a user's first connection opens. */
export const JoinFrame = v.pipe(
  v.object({ type: v.literal('join'), user: RoomPrincipal, who: Who }),
  v.title('RoomJoin'),
  v.metadata({ examples: [{ type: 'join', user: second, who: [first, second] }] }),
)
/** Sent to everyone when a user's last connection closes. */
export const LeaveFrame = v.pipe(
  v.object({ type: v.literal('leave'), user: RoomPrincipal, who: Who }),
  v.title('RoomLeave'),
  v.metadata({ examples: [{ type: 'leave', user: second, who: [first] }] }),
)
/** Sent to the sender of an invalid message; the connection stays open. */
export const ErrorFrame = v.pipe(
  v.object({ type: v.literal('error'), message: v.string(), problems: v.array(FrameProblem) }),
  v.title('RoomError'),
  // What the room answers a frame that is not JSON (room-inbound.ts).
  v.metadata({
    examples: [
      { type: 'error', message: 'The message is not JSON', problems: [{ pointer: '', message: 'Invalid JSON' }] },
    ],
  }),
)

/** What the room itself sends besides the app's messages. */
export type RoomFrame =
  | v.InferOutput<ReturnType<typeof welcomeFrame<v.GenericSchema>>>
  | v.InferOutput<typeof JoinFrame>
  | v.InferOutput<typeof LeaveFrame>
  | v.InferOutput<typeof ErrorFrame>

// One union per outbound schema: documents name schemas by identity, so a second union (and welcome frame) made
// for the same channel would be a second, unreferenced RoomWelcome.
const outbounds = new WeakMap<v.GenericSchema, v.GenericSchema>()

/**
 * Every message a room's clients can receive: the room's own frames and the app's outbound schema (the same
 * schema object for the same outbound).
 * @example v.parse(roomOutbound(ChatOutbound), frame)
 */
export const roomOutbound = (outbound: v.GenericSchema): v.GenericSchema => {
  let union = outbounds.get(outbound)
  if (!union) {
    union = v.union([welcomeFrame(outbound), JoinFrame, LeaveFrame, ErrorFrame, outbound])
    outbounds.set(outbound, union)
  }
  return union
}
