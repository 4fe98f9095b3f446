import { router } from '../../core'
import { authenticated } from '../auth/guards'
import { ownerOrAdmin } from '../auth/owner-or-admin'
import { providePosts } from '../posts/repo'
import { authorOfComment } from './author-of'
import { createComment, deleteComment, getComment, listComments, patchComment } from './handlers'
import { CommentParams, onPost } from './params'
import { Comments, provideComments } from './repo'

/** Changes to a comment: only its author or an admin; another post's comment is a 404 before anyone is asked. */
const commentItemWrites = router({
  guards: [ownerOrAdmin('comment', CommentParams, authorOfComment, { comments: Comments })],
  handlers: [patchComment, deleteComment],
})

/** `/posts/:postId/comments`: public reads, commenting with a login, item writes by author or admin. */
export const comments = onPost.router({
  path: '/posts/:postId/comments',
  tags: ['comments'],
  dependencies: [provideComments, providePosts],
  handlers: [
    listComments,
    getComment,
    router({ guards: [authenticated], idempotency: { methods: ['POST'] }, handlers: [createComment] }),
    commentItemWrites,
  ],
})
