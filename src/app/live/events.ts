import * as v from 'valibot'
import { Id } from '../common/fields'

/** The one topic the reference API publishes, the posts feed object's name: every change to a post. */
export const POSTS_TOPIC = 'posts'

const PostSummary = v.object({ id: Id, authorId: Id, title: v.string() })
const example = { id: 1, authorId: 1, title: 'Notes on the Analytical Engine' }

/** The events of `GET /posts/live`, by type: the same payloads the events system carries. */
export const postLiveEvents = {
  'post.created': v.pipe(
    PostSummary,
    v.title('PostCreatedEvent'),
    v.description('A post was published'),
    v.metadata({ examples: [example] }),
  ),
  'post.changed': v.pipe(
    PostSummary,
    v.title('PostChangedEvent'),
    v.description("A post's title or content changed"),
    v.metadata({ examples: [{ ...example, title: 'A better title' }] }),
  ),
  'post.deleted': v.pipe(
    v.object({ id: Id }),
    v.title('PostDeletedEvent'),
    v.description('A post was deleted'),
    v.metadata({ examples: [{ id: 1 }] }),
  ),
} as const
