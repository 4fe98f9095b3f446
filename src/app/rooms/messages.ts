import * as v from 'valibot'
import { RoomPrincipal } from '../../core/realtime'
import { visibleOnly } from '../common/identity'

// The same character rules as display names: nothing invisible or direction-changing, one line.
const Text = v.pipe(v.string(), v.normalize('NFC'), visibleOnly, v.trim(), v.minLength(1), v.maxLength(500))

/** What a chat client sends: a message to the room, or a whisper to one user's connections. */
export const ChatInbound = v.variant('type', [
  v.pipe(
    v.object({ type: v.literal('say'), text: Text }),
    v.title('ChatSay'),
    v.description('Say something to the room'),
    v.metadata({ examples: [{ type: 'say', text: 'Hello, room' }] }),
  ),
  v.pipe(
    v.object({ type: v.literal('whisper'), to: v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/)), text: Text }),
    v.title('ChatWhisper'),
    v.description("Say something to one user's connections only"),
    v.metadata({ examples: [{ type: 'whisper', to: '2', text: 'Only for you' }] }),
  ),
])
/** A message a chat client sends. */
export type ChatInbound = v.InferOutput<typeof ChatInbound>

/** A message in the room, as everyone (and later joiners, from the history) receives it. */
export const ChatMessage = v.pipe(
  v.object({
    type: v.literal('message'),
    /** Position in the room, from 1 */
    seq: v.pipe(v.number(), v.integer()),
    from: RoomPrincipal,
    text: v.string(),
    at: v.pipe(v.string(), v.isoTimestamp()),
  }),
  v.title('ChatMessage'),
  v.metadata({
    examples: [
      { type: 'message', seq: 1, from: { id: '1', name: 'Ada' }, text: 'Hello, room', at: '2026-01-01T12:00:00.000Z' },
    ],
  }),
)

/** A whisper, as its recipient's and its sender's connections receive it. */
export const ChatWhisperReceived = v.pipe(
  v.object({
    type: v.literal('whispered'),
    from: RoomPrincipal,
    to: v.string(),
    text: v.string(),
    at: v.pipe(v.string(), v.isoTimestamp()),
  }),
  v.title('ChatWhispered'),
  v.metadata({
    examples: [
      {
        type: 'whispered',
        from: { id: '1', name: 'Ada' },
        to: '2',
        text: 'Only for you',
        at: '2026-01-01T12:00:05.000Z',
      },
    ],
  }),
)

/** What the chat app sends (the room adds welcome, join, leave and error frames). */
export const ChatOutbound = v.variant('type', [ChatMessage, ChatWhisperReceived])
/** A message the chat app sends. */
export type ChatOutbound = v.InferOutput<typeof ChatOutbound>
