import * as v from 'valibot'
import { post, type RequestContext, tooManyRequests, unauthorized } from '../../core'
import { channel, type RoomPrincipal } from '../../core/realtime'
import { CurrentUser, type UserPrincipal } from '../auth/principal'
import { sessions } from '../auth/sessions'
import { ticketPolicy } from '../rate-limit/policies'
import { Users } from '../users/repo'
import { ChatInbound, ChatOutbound } from './messages'

/** Path parameters of a room: its name. */
const RoomParams = v.object({
  /** The room name: up to 32 lower-case letters, digits and dashes */
  room: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,31}$/)),
})

// What a ticket looks like: 32 random bytes, base64url.
const EXAMPLE_TICKET = 'q1Vh0m3Yd6bO2aN2xv8Zr7kC4y0pQ9sL1tE5uW3iA6g'

const roomOf = (env: Cloudflare.Env, name: string) => env.ROOMS.getByName(name)

/** Who a user is in a room: their id, and their display name (a placeholder if the row has gone). */
const principalOf = async (users: UserNames, id: number): Promise<RoomPrincipal> => ({
  id: String(id),
  name: (await users.get(id))?.name ?? `User ${id}`,
})
type UserNames = { get(id: number): Promise<{ readonly name: string } | null | undefined> }

/**
 * Issues a single-use ticket that opens this room's WebSocket as the logged-in user: it expires after 30 seconds and
 * opens one connection. Browsers cannot send an Authorization header with a WebSocket, so the upgrade carries this
 * ticket instead. A user gets at most 10 tickets per room per 30 seconds, and 30 a minute across rooms (429 with
 * Retry-After past either).
 * @summary Get a single-use ticket to open a room's WebSocket
 */
export const createTicket = post(
  '/:room/ticket',
  {
    params: RoomParams,
    inject: { user: CurrentUser, users: Users },
    rateLimit: [ticketPolicy],
    errors: [429],
    status: 200,
    response: v.pipe(
      v.object({
        ticket: v.string(),
        /** Seconds */
        expiresIn: v.number(),
        /** Where to open the WebSocket, ticket included */
        url: v.string(),
      }),
      v.title('RoomTicket'),
      v.metadata({
        examples: [{ ticket: EXAMPLE_TICKET, expiresIn: 30, url: `/rooms/lobby?ticket=${EXAMPLE_TICKET}` }],
      }),
    ),
  },
  async ({ params, env, deps: { user, users } }) => {
    if (!user) return unauthorized('A bearer token is required')
    const issued = await roomOf(env, params.room).issueTicket(await principalOf(users, user.id))
    if ('refused' in issued)
      return tooManyRequests(issued.refused, { headers: { 'retry-after': String(issued.retryAfter) } })
    return { ticket: issued.ticket, expiresIn: issued.expiresIn, url: `/rooms/${params.room}?ticket=${issued.ticket}` }
  },
)

/**
 * A browser's session cookie opens a room too. Browsers send cookies with a WebSocket from any page, so a
 * cross-site page is refused (403) before the cookie counts: cross-site WebSocket hijacking. A bearer token
 * cannot ride on a browser upgrade, so only a session principal is taken here.
 */
async function cookiePrincipal(ctx: RoomContext): Promise<RoomPrincipal | null> {
  const { user, users } = ctx.deps
  if (user?.via !== 'session') return null
  sessions.csrf?.checkOrigin(ctx)
  return principalOf(users, user.id)
}
type RoomContext = RequestContext & {
  readonly deps: { readonly user: UserPrincipal | null; readonly users: UserNames }
}

/**
 * Upgrade with `?ticket=` from `POST /rooms/{room}/ticket`, or from a page of an allowed origin with the session
 * cookie. Messages are described in /asyncapi.json. A request that is not an upgrade gets 426; a missing, used or
 * expired ticket 401; a session cookie sent by a cross-site page 403; a user with 5 open connections in the room (20
 * across rooms), or an address with 20 (100 across rooms), 429 with Retry-After.
 * @summary Join a chat room (WebSocket)
 */
export const roomChannel = channel(
  '/:room',
  {
    params: RoomParams,
    inject: { user: CurrentUser, users: Users },
    query: v.object({
      /** A ticket from POST /rooms/{room}/ticket */
      ticket: v.optional(v.pipe(v.string(), v.maxLength(64))),
    }),
    inbound: ChatInbound,
    outbound: ChatOutbound,
    // Public to HTTP: the ticket in the query, or the session cookie, is the credential (in the AsyncAPI document).
    security: [],
    errors: [403, 429],
    opt: { asyncapiSecurity: ['roomTicket', ...Object.keys(sessions.securitySchemes)] },
  },
  async (ctx) => {
    const room = roomOf(ctx.env, ctx.params.room)
    const principal = ctx.query.ticket ? await room.redeemTicket(ctx.query.ticket) : await cookiePrincipal(ctx)
    if (!principal) return unauthorized('A valid ticket is required: POST /rooms/{room}/ticket first')
    return { room, principal }
  },
)
