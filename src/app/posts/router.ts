import { router } from '../../core'
import { authenticated } from '../auth/guards'
import { ownerOrAdmin } from '../auth/owner-or-admin'
import { IdParams } from '../common/fields'
import { livePosts } from '../live/handlers'
import { provideUsers } from '../users/repo'
import { createPost, deletePost, getPost, listPosts, patchPost, replacePost } from './handlers'
import { providePosts } from './repo'
import { createUserPost, listUserPosts } from './user-posts'

/** Every post write, creation included, needs a login; changes to existing posts also their author or an admin. */
export const postWrites = router({
  guards: [authenticated],
  // Creating a post is retry-safe under an Idempotency-Key (keys are the signed-in user's).
  idempotency: { methods: ['POST'] },
  handlers: [createPost, replacePost, patchPost, deletePost],
})

/** `/posts`: public reads plus the writes layer. */
export const posts = router({
  path: '/posts',
  tags: ['posts'],
  dependencies: [providePosts],
  handlers: [listPosts, livePosts, getPost, postWrites],
})

/** Writing a user's posts: only that user or an admin. */
export const userPostWrites = router({
  guards: [ownerOrAdmin('user', IdParams, ({ params }) => params.id)],
  handlers: [createUserPost],
})

/** `/users/:id/posts`: one user's posts. */
export const userPosts = router({
  path: '/users/:id/posts',
  tags: ['posts'],
  dependencies: [providePosts, provideUsers],
  handlers: [listUserPosts, userPostWrites],
})
