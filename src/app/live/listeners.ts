import { type AnyListener, listen } from '../../core/events'
import { PostChanged, PostCreated, PostDeleted } from '../events/catalog'
import { POSTS_TOPIC } from './events'

// Not durable: a live feed wants the event now, and a client that missed one resumes with Last-Event-ID.
const toFeed = <T>(event: { readonly name: string; readonly payload?: T }) =>
  listen(event, { name: 'live-feed' }, (payload, { env }) =>
    env.POST_FEED.getByName(POSTS_TOPIC).publish(event.name, payload),
  )

/** Publishes every post change to the posts feed object, which fans it out to `GET /posts/live`. */
export const liveFeedListeners: readonly AnyListener[] = [toFeed(PostCreated), toFeed(PostChanged), toFeed(PostDeleted)]
