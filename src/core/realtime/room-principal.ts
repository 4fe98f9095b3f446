import * as v from 'valibot'

// Apart from the room's frame schemas (room-frames.ts): a Worker checks principals on every upgrade, while the frames
// only describe messages in the AsyncAPI document, and a schema constant a module holds is bundled even when unused.

/** Who a connection belongs to, as the Worker authenticated it before the upgrade. */
export const RoomPrincipal = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  }),
  v.title('RoomPrincipal'),
)
/** Who a connection belongs to. */
export type RoomPrincipal = v.InferOutput<typeof RoomPrincipal>

/** The header carrying the principal from the Worker to the room; a Durable Object is reachable only from code. */
export const PRINCIPAL_HEADER = 'x-room-principal'

/** The header carrying the client's address (as rate limits key it) from the Worker to the room: never broadcast. */
export const ADDRESS_HEADER = 'x-room-address'
