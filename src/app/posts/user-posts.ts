import { get, HttpError, notFound, post } from '../../core'
import { emit } from '../../core/events'
import { etagHeader, versioned } from '../../core/http'
import { IdParams } from '../common/fields'
import { PostCreated } from '../events/catalog'
import { Users } from '../users/repo'
import { PostPage, PostRead, PostText } from './dtos'
import { postList } from './handlers'
import { Posts } from './repo'

const noUser = (id: number) => notFound(`User ${id} not found`)

/** Lists one user's posts, newest first; 404 when the user does not exist. */
export const listUserPosts = get(
  '/',
  {
    summary: "List a user's posts",
    params: IdParams,
    query: postList.query,
    inject: { posts: Posts, users: Users },
    response: PostPage,
    errors: [404],
  },
  async ({ params, query, deps: { posts, users } }) => {
    if (!(await users.exists({ id: params.id }))) noUser(params.id)
    return postList.run(posts, query, { where: { authorId: params.id } })
  },
)

/** Creates a post by the user in the path; 404 when that user does not exist (the foreign key decides). */
export const createUserPost = post(
  '/',
  {
    summary: 'Create a post by this user',
    params: IdParams,
    body: PostText,
    inject: { posts: Posts },
    response: PostRead,
    successHeaders: { ...etagHeader, location: { description: 'The new post' } },
    errors: [404],
  },
  async (ctx) => {
    try {
      const row = await ctx.deps.posts.add({ ...ctx.body, authorId: ctx.params.id })
      emit(ctx, PostCreated, { id: row.id, authorId: row.authorId, title: row.title })
      ctx.responseHeaders.set('location', `/posts/${row.id}`)
      return versioned(ctx, row.version, row)
    } catch (e) {
      if (e instanceof HttpError && e.status === 422) noUser(ctx.params.id)
      throw e
    }
  },
)
