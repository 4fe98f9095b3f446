import { router } from '../../core'
import { provideUsers } from '../users/repo'
import { createPost, deletePost, getPost, listPosts, patchPost, replacePost } from './handlers'
import { providePosts } from './repo'
import { createUserPost, listUserPosts } from './user-posts'

/** Writing posts: the layer access control attaches its guards to. */
export const postWrites = router({ handlers: [createPost, replacePost, patchPost, deletePost] })

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
