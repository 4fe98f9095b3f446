/** A typed event name: what `emit` sends and `listen` receives. */
export interface EventKey<T> {
  readonly name: string
  /** A payload as the event carries it: the example of its queue messages in the AsyncAPI document. */
  readonly example?: T
  /** Carries the payload type only; never set. */
  readonly payload?: T
}

/**
 * Declares an event and its payload type (and, for the documents, an example payload). Payloads of durable
 * listeners travel through a Queue, so keep them structured-cloneable (plain data, no functions or class instances).
 * @example export const UserCreated = event<{ id: number; email: string }>('user.created', { example: { id: 7, email: 'ada@example.com' } })
 */
export const event = <T>(name: string, options?: { readonly example?: T }): EventKey<T> =>
  options?.example === undefined ? { name } : { name, example: options.example }

/** What a listener receives besides the payload. */
export interface ListenerContext {
  readonly env: Cloudflare.Env
  /** The id of the request that emitted the event, for logs. */
  readonly requestId: string | undefined
  /** 1 on the first delivery; higher when a durable listener is retried from the queue. */
  readonly attempt: number
  /**
   * The event's id when a write committed it through the outbox, else (for a durable listener) its queue message's
   * id: the same on every delivery of that event (a retry, a relayed row), so a listener whose effect must happen
   * once can key it on `${eventId}/${listener}`. Undefined for a listener run in the request.
   */
  readonly eventId?: string | undefined
  waitUntil(promise: Promise<unknown>): void
}

/** A listener bound to one event. */
export interface Listener<T = unknown> {
  readonly event: EventKey<T>
  /** Unique per event: names the listener in logs and in queue messages. */
  readonly name: string
  /** Runs through the Queue, with retries and a dead-letter queue, instead of in the request's waitUntil. */
  readonly durable: boolean
  readonly run: (payload: T, ctx: ListenerContext) => unknown
}

/** Any listener, whatever its payload: what `events()` and `consumeEvents()` take. */
export interface AnyListener {
  readonly event: { readonly name: string; readonly example?: unknown }
  readonly name: string
  readonly durable: boolean
  readonly run: (payload: never, ctx: ListenerContext) => unknown
}

/** A listener as the bus runs it: the payload has already been checked to belong to its event. */
export type RunnableListener = Omit<AnyListener, 'run'> & {
  readonly run: (payload: unknown, ctx: ListenerContext) => unknown
}

/**
 * Registers work to run after an event, once the response is sent. A durable listener goes through the
 * Cloudflare Queue and is retried until it succeeds or lands in the dead-letter queue.
 * @example listen(UserCreated, { name: 'welcome', durable: true }, ({ id }, { env }) => env.DB.prepare(...).bind(id).run())
 */
export function listen<T>(
  event: EventKey<T>,
  options: { readonly name: string; readonly durable?: boolean },
  run: (payload: T, ctx: ListenerContext) => unknown,
): Listener<T> {
  return { event, name: options.name, durable: options.durable ?? false, run }
}

/** A queue message for one durable listener: one message per listener, so only the failing one is retried. */
export interface EventMessage {
  readonly event: string
  readonly listener: string
  readonly payload: unknown
  readonly requestId: string | undefined
  /** The outbox row's id: the same on a redelivery of the event (see `ListenerContext.eventId`). */
  readonly eventId?: string | undefined
}

/** Indexes listeners by `event/listener`, refusing duplicates. */
export function indexListeners(listeners: readonly AnyListener[]): Map<string, RunnableListener> {
  const out = new Map<string, RunnableListener>()
  for (const l of listeners) {
    const id = `${l.event.name}/${l.name}`
    if (out.has(id)) throw new Error(`Listener "${l.name}" is registered twice for event "${l.event.name}"`)
    out.set(id, l as RunnableListener)
  }
  return out
}
