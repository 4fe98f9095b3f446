import { type AnyListener, listen } from '../../core/events'
import { liveFeedListeners } from '../live/listeners'
import { PostCreated, UserCreated } from './catalog'
import { notify } from './notify'

/** Whether a queue is a dead-letter queue of durable listeners: wrangler.toml names each environment's `…-events-dlq`. */
export const isEventsDlq = (queue: string): boolean => queue.endsWith('-events-dlq')

/** Whether a queue is the durable listeners' queue: `…-events` in every environment. */
export const isEventsQueue = (queue: string): boolean => queue.endsWith('-events')

/**
 * How the Worker consumes the EVENTS queue: durable listeners run per message (retried with back-off, then
 * dead-lettered by the queue), a message that is no event message goes to EVENTS_DLQ at once, and the DLQ's
 * messages are logged as lost.
 */
export const eventsConsumption = {
  queue: isEventsQueue,
  deadLetterQueue: isEventsDlq,
  deadLetter: (env: Cloudflare.Env) => env.EVENTS_DLQ,
}

/**
 * The events outbox: writes commit their durable events in their own D1 batch, and every ten minutes (wrangler.toml's
 * `[triggers] crons`) the relay sends the rows whose delivery after the response was lost.
 */
export const eventsOutbox = {
  database: (env: Cloudflare.Env) => env.DB,
  relay: '*/10 * * * *',
}

/** Greets a new user; durable, so a D1 hiccup retries it instead of losing the welcome. */
export const welcome = listen(UserCreated, { name: 'welcome', durable: true }, ({ id, name }, { env }) =>
  notify(env.DB, { userId: id, kind: 'welcome', message: `Welcome, ${name}!`, dedupeKey: `welcome:${id}` }),
)

/** Tells an author their post is live; durable for the same reason. */
export const postPublished = listen(PostCreated, { name: 'post-published', durable: true }, (post, { env }) =>
  notify(env.DB, {
    userId: post.authorId,
    kind: 'post-published',
    message: `Your post “${post.title}” is live.`,
    dedupeKey: `post-published:${post.id}`,
  }),
)

/** Every listener of the reference API: run after the response, durable ones through the EVENTS queue. */
export const listeners: readonly AnyListener[] = [welcome, postPublished, ...liveFeedListeners]
