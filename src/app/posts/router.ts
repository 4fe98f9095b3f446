import { router } from '../../core'
import { provideUsers } from '../users/repo'
import { createPost, deletePost, getPost, listPosts, patchPost, replacePost } from './handlers'
import { providePosts } from './repo'
import { createUserPost, listUserPosts } from './user-posts'

/** Changes to existing posts: where an owner-or-admin guard goes (the post id is the `id` path parameter). */
export const postItemWrites = router({ handlers: [replacePost, patchPost, deletePost] })

/** Every post write, creation included: where a login guard goes; its guards also wrap `postItemWrites`. */
export const postWrites = router({ handlers: [createPost, postItemWrites] })

/** `/posts`: public reads plus the writes layer. */
export const posts = router({
  path: '/posts',
  tags: ['posts'],
  dependencies: [providePosts],
  handlers: [listPosts, getPost, postWrites],
})

/** Writing a user's posts: the layer access control attaches its guards to. */
export const userPostWrites = router({ handlers: [createUserPost] })

/** `/users/:id/posts`: one user's posts. */
export const userPosts = router({
  path: '/users/:id/posts',
  tags: ['posts'],
  dependencies: [providePosts, provideUsers],
  handlers: [listUserPosts, userPostWrites],
})
