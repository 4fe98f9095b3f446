import { resource } from '../../core/data'
import { IdParams } from '../common/fields'
import { Users } from '../users/repo'
import { PostPage, PostRead, PostText } from './dtos'
import { postCreated, postList } from './handlers'
import { Post } from './model'
import { Posts } from './repo'

/**
 * One user's posts: listed newest first and created by that user; 404 when the user does not exist (on create,
 * the foreign key decides).
 */
const userPosts = resource(Post, {
  repo: Posts,
  name: 'Post',
  params: IdParams,
  parent: { repo: Users, param: 'id', field: 'authorId', name: 'User' },
  list: postList,
  views: { read: PostRead, create: PostText, page: PostPage },
  only: ['list', 'create'],
  events: { created: postCreated },
  location: (row) => `/posts/${row.id}`,
  specs: {
    /**
     * The posts of the user in the path, with the filters, search, sorts and offset pages of GET /posts. Public; 404
     * when the user does not exist.
     * @summary List a user's posts
     */
    list: {},
    /**
     * Creates a post whose author is the user in the path. Only that user or an admin may call it. Answers the post
     * with its ETag and a Location under /posts, and emits `post.created`.
     * @summary Create a post by this user
     */
    create: {},
  },
})

export const { list: listUserPosts, create: createUserPost } = userPosts
