// `edgestar/events`: events a handler emits and listeners that run after the response (durable ones via a Queue).
export { type ConsumeEventsOptions, consumeEvents, EventMessageSchema } from './consume-events'
export { emit } from './emit'
export {
  type AnyListener,
  type EventKey,
  type EventMessage,
  event,
  type Listener,
  type ListenerContext,
  listen,
} from './event'
export { type EventsOptions, events } from './events'
export { OUTBOX_TABLE, type OutboxEvent, outboxEvent } from './outbox'
export type { OutboxOptions } from './outbox-relay'
export { type WebhookListener, type WebhookOptions, webhook } from './webhook'

declare module '../index' {
  interface EnvFactories<Env> {
    events: (options: import('./events').EventsOptions<Env>) => import('../kernel/plugin').Plugin
  }
}
