import type * as v from 'valibot'
import { HttpError } from '../kernel/errors'
import { get, type Handler, type HandlerContext, type HandlerSpec } from '../kernel/handler'
import { clientIp } from '../rate-limit/client-ip'
import { isUpgrade } from './is-upgrade'
import { ADDRESS_HEADER, PRINCIPAL_HEADER, type RoomPrincipal } from './room-principal'

/** A channel's spec: a GET handler's inputs and injections, plus the schemas of its messages. */
export interface ChannelSpec extends Omit<HandlerSpec, 'channel' | 'events' | 'response' | 'body'> {
  /** What clients send; the room validates every message with it. */
  readonly inbound: v.GenericSchema
  /** What the app sends (the room adds its own welcome, join, leave and error frames). */
  readonly outbound: v.GenericSchema
}

/** Where an authenticated upgrade goes: the room's Durable Object stub, and who is connecting. */
export interface ChannelTarget {
  readonly room: { fetch(request: Request): Promise<Response> }
  readonly principal: RoomPrincipal
}

type Spec<S extends ChannelSpec> = Omit<S, 'inbound' | 'outbound'> & {
  readonly channel: { readonly inbound: S['inbound']; readonly outbound: S['outbound'] }
}

/**
 * A WebSocket route. It runs the route's whole pipeline like any GET (middleware, client rate limits, path
 * parameters, guards, inputs), then `connect` authenticates the caller and names the room; only then is the
 * upgrade forwarded to that room's Durable Object, with the principal in a header only Worker code can set.
 * A request that is not an upgrade gets 426 with `Upgrade: websocket`; a refusal (throw 401/403 in a guard or in
 * `connect`) is a problem response before anything is upgraded.
 * @example channel('/:room', { params, inbound: ChatIn, outbound: ChatOut }, async (ctx) => ({ room: env.ROOMS.getByName(ctx.params.room), principal }))
 */
export function channel<const S extends ChannelSpec>(
  path: string,
  spec: S,
  connect: (ctx: HandlerContext<Spec<S>>) => ChannelTarget | Promise<ChannelTarget>,
): Handler<Spec<S>> {
  const { inbound, outbound, ...rest } = spec
  const full = {
    ...rest,
    channel: { inbound, outbound },
    status: 101,
    errors: [...new Set([...(spec.errors ?? []), 401, 426])],
  } as unknown as Spec<S>
  return get(path, full, async (ctx) => {
    if (!isUpgrade(ctx.request))
      throw new HttpError(426, {
        detail: 'This endpoint speaks WebSocket: send Upgrade: websocket',
        headers: { upgrade: 'websocket', connection: 'Upgrade' },
      })
    const { room, principal } = await connect(ctx)
    // Only what the room needs goes on: never the client's own headers, so none can pose as the principal.
    const headers = new Headers({
      upgrade: 'websocket',
      [PRINCIPAL_HEADER]: JSON.stringify(principal),
      // The room caps sockets per address as well as per user.
      [ADDRESS_HEADER]: clientIp(ctx),
    })
    const protocol = ctx.request.headers.get('sec-websocket-protocol')
    if (protocol) headers.set('sec-websocket-protocol', protocol)
    return room.fetch(new Request(ctx.url.href, { headers }))
  })
}
