import type { RequestContext } from '../kernel/context'
import type { EventKey } from './event'

const KEY = 'events'

/** Events a request emitted, waiting for its response. */
export type EmittedEvents = { name: string; payload: unknown }[]

/** Starts collecting a request's events; called by the `events()` middleware. */
export function collectEvents(ctx: RequestContext<unknown>): EmittedEvents {
  const emitted: EmittedEvents = []
  ctx.state.set(KEY, emitted)
  return emitted
}

/**
 * Emits an event from a handler; its listeners run after the response, and only when the response is
 * a success (a request that fails changes nothing, so it announces nothing).
 * @example await users.add(body); emit(ctx, UserCreated, { id: user.id, email: user.email })
 */
export function emit<T>(ctx: RequestContext<unknown>, event: EventKey<T>, payload: T): void {
  const emitted = ctx.state.get(KEY) as EmittedEvents | undefined
  if (!emitted) throw new Error(`emit(${event.name}): the app has no events() middleware`)
  emitted.push({ name: event.name, payload })
}

declare module '../index' {
  interface PluginOptions {
    /**
     * The events a route emits, by name (the `events()` plugin, `edgestar/events`): a route that declares them in an
     * app without the plugin refuses to build, rather than failing after its write. `resource()` declares its own.
     */
    readonly emits?: readonly string[]
  }
}
