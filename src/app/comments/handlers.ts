import * as v from 'valibot'
import { del, get, HttpError, notFound, patch, post } from '../../core'
import { listEndpoint } from '../../core/data'
import { emit } from '../../core/events'
import { conditionalHeaders, etagHeader, notModifiedResponse, versioned, versionsFromIfMatch } from '../../core/http'
import { CurrentUser } from '../auth/principal'
import { cursorSecret } from '../common/db'
import { CommentCreated } from '../events/catalog'
import { Posts } from '../posts/repo'
import { CommentPage, CommentRead, CommentWrite } from './dtos'
import { Comment } from './model'
import { CommentParams, PostParams } from './params'
import { Comments } from './repo'

const noPost = (id: number) => notFound(`Post ${id} not found`)
const missing = (postId: number, id: number) => notFound(`Post ${postId} has no comment ${id}`)

/** The list's filters, search, sorts and cursor pages, declared once: the query schema and the SQL follow from it. */
export const commentList = listEndpoint(Comment, {
  filter: { authorId: ['eq', 'in'], createdAt: ['gte', 'lte'] },
  search: ['body'],
  sort: { fields: ['createdAt', 'id'], default: 'createdAt', tieBreaker: 'id' },
  page: 'cursor',
})

/** Lists a post's comments, oldest first, a keyset page at a time; 404 when the post does not exist. */
export const listComments = get(
  '/',
  {
    summary: "List a post's comments",
    params: PostParams,
    query: commentList.query,
    inject: { comments: Comments, posts: Posts },
    response: CommentPage,
    errors: [404],
  },
  async ({ params, query, env, deps: { comments, posts } }) => {
    if (!(await posts.exists({ id: params.postId }))) noPost(params.postId)
    return commentList.run(comments, query, { secret: cursorSecret(env) })
  },
)

/** Reads one comment of the post, with its ETag; 404 when the comment is on another post. */
export const getComment = get(
  '/:id',
  {
    summary: 'Get a comment',
    params: CommentParams,
    headers: v.object(conditionalHeaders.read),
    inject: { comments: Comments },
    response: CommentRead,
    successHeaders: etagHeader,
    responses: notModifiedResponse,
    errors: [404],
  },
  async (ctx) => {
    const { postId, id } = ctx.params
    const row = (await ctx.deps.comments.get(id)) ?? missing(postId, id)
    return versioned(ctx, row.version, row, ctx.headers['if-none-match'])
  },
)

/** Comments on a post as the logged-in user; 404 when the post does not exist (its foreign key decides). */
export const createComment = post(
  '/',
  {
    summary: 'Comment on a post',
    params: PostParams,
    body: CommentWrite,
    inject: { comments: Comments, user: CurrentUser },
    response: CommentRead,
    successHeaders: { ...etagHeader, location: { description: 'The new comment' } },
    errors: [404],
  },
  async (ctx) => {
    const { postId } = ctx.params
    try {
      const row = await ctx.deps.comments.add({ ...ctx.body, postId, authorId: ctx.deps.user!.id })
      emit(ctx, CommentCreated, { id: row.id, postId, authorId: row.authorId })
      ctx.responseHeaders.set('location', `/posts/${postId}/comments/${row.id}`)
      return versioned(ctx, row.version, row)
    } catch (e) {
      if (e instanceof HttpError && e.status === 422) noPost(postId)
      throw e
    }
  },
)

/** Changes a comment's text; honours If-Match. */
export const patchComment = patch(
  '/:id',
  {
    summary: 'Edit a comment',
    params: CommentParams,
    headers: v.object(conditionalHeaders.write),
    body: CommentWrite,
    inject: { comments: Comments },
    response: CommentRead,
    successHeaders: etagHeader,
    errors: [404, 412],
  },
  async (ctx) => {
    const { postId, id } = ctx.params
    const versions = versionsFromIfMatch(ctx.headers['if-match'])
    const row = (await ctx.deps.comments.update(id, ctx.body, { versions })) ?? missing(postId, id)
    return versioned(ctx, row.version, row)
  },
)

/** Deletes a comment; honours If-Match. */
export const deleteComment = del(
  '/:id',
  {
    summary: 'Delete a comment',
    params: CommentParams,
    headers: v.object(conditionalHeaders.write),
    inject: { comments: Comments },
    errors: [404, 412],
  },
  async ({ params, headers, deps: { comments } }) => {
    const versions = versionsFromIfMatch(headers['if-match'])
    if (!(await comments.delete(params.id, { versions }))) missing(params.postId, params.id)
  },
)
