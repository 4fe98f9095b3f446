import { event } from '../../core/events'

/** A user signed up. Payloads travel through the EVENTS queue: plain data, no secrets. */
export const UserCreated = event<{ id: number; name: string }>('user.created', { example: { id: 7, name: 'Ada' } })

/** A post was published, under `/posts` or `/users/:id/posts`. */
export const PostCreated = event<{ id: number; authorId: number; title: string }>('post.created', {
  example: { id: 1, authorId: 7, title: 'Notes on the Analytical Engine' },
})

/** A post's title or content changed. */
export const PostChanged = event<{ id: number; authorId: number; title: string }>('post.changed')

/** A post was deleted. */
export const PostDeleted = event<{ id: number }>('post.deleted')

/** A comment was written on a post. */
export const CommentCreated = event<{ id: number; postId: number; authorId: number }>('comment.created')
