import type { AnyListener } from '../../core'

/** The dead-letter queue of durable listeners, as named in wrangler.toml. */
export const EVENTS_DLQ = 'edge-api-events-dlq'

/** Every listener of the reference API: run after the response, durable ones through the EVENTS queue. */
export const listeners: readonly AnyListener[] = []
