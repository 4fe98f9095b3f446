import type { RequestContext } from '../kernel/context'
import type { EventKey } from './event'

const KEY = 'events'

/** An event a request emitted; `id` when its row is in the outbox (committed with the write that made it). */
export type EmittedEvent = { readonly name: string; readonly payload: unknown; readonly id?: string }

/** Events a request emitted, waiting for its response. */
export type EmittedEvents = EmittedEvent[]

/** What the `events()` middleware keeps per request: the events, and which events a write puts in the outbox. */
export interface EventCollector {
  readonly emitted: EmittedEvents
  /** The names of events written to the outbox (those with a durable listener), when the app keeps one. */
  readonly outbox: ReadonlySet<string> | undefined
}

/** Starts collecting a request's events; called by the `events()` middleware. */
export function collectEvents(ctx: RequestContext<unknown>, outbox?: ReadonlySet<string>): EventCollector {
  const collector: EventCollector = { emitted: [], outbox }
  ctx.state.set(KEY, collector)
  return collector
}

/** The request's collector, when the app has the `events()` plugin. */
export const collectorOf = (ctx: RequestContext<unknown>): EventCollector | undefined =>
  ctx.state.get(KEY) as EventCollector | undefined

/**
 * Emits an event from a handler; its listeners run after the response, and only when the response is
 * a success (a request that fails changes nothing, so it announces nothing).
 * @example await users.add(body); emit(ctx, UserCreated, { id: user.id, email: user.email })
 */
export function emit<T>(ctx: RequestContext<unknown>, event: EventKey<T>, payload: T): void {
  const collector = collectorOf(ctx)
  if (!collector) throw new Error(`emit(${event.name}): the app has no events() middleware`)
  collector.emitted.push({ name: event.name, payload })
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
