import { router } from '../../core'
import { authenticated } from '../auth/guards'
import { providePosts } from '../posts/repo'
import { createComment, deleteComment, getComment, listComments, patchComment } from './handlers'
import { onPost } from './params'
import { provideComments } from './repo'

/**
 * `/posts/:postId/comments`: public reads, commenting with a login, item writes by author or admin (another
 * post's comment is a 404 before anyone is asked).
 */
export const comments = onPost.router({
  path: '/posts/:postId/comments',
  tags: ['comments'],
  dependencies: [provideComments, providePosts],
  handlers: [
    listComments,
    getComment,
    router({ guards: [authenticated], idempotency: { methods: ['POST'] }, handlers: [createComment] }),
    patchComment,
    deleteComment,
  ],
})
