import * as v from 'valibot'
import { Id } from '../common/fields'

/** The one topic the reference API publishes, the posts feed object's name: every change to a post. */
export const POSTS_TOPIC = 'posts'

const PostSummary = v.object({ id: Id, authorId: Id, title: v.string() })

/** The events of `GET /posts/live`, by type: the same payloads the events system carries. */
export const postLiveEvents = {
  'post.created': v.pipe(PostSummary, v.title('PostCreatedEvent'), v.description('A post was published')),
  'post.changed': v.pipe(PostSummary, v.title('PostChangedEvent'), v.description("A post's title or content changed")),
  'post.deleted': v.pipe(v.object({ id: Id }), v.title('PostDeletedEvent'), v.description('A post was deleted')),
} as const
