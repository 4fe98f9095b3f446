import * as v from 'valibot'
import { del, forbidden, get, type HandlerContext, notFound, patch, post, put } from '../../core'
import { listEndpoint } from '../../core/data'
import { emit } from '../../core/events'
import { conditionalHeaders, etagHeader, notModifiedResponse, versioned, versionsFromIfMatch } from '../../core/http'
import { CurrentUser } from '../auth/principal'
import { IdParams } from '../common/fields'
import { PostChanged, PostCreated, PostDeleted } from '../events/catalog'
import { PostCreate, PostPage, PostPatch, PostRead, PostText } from './dtos'
import { Post } from './model'
import { Posts } from './repo'

const missing = (id: number) => notFound(`Post ${id} not found`)
const writeHeaders = v.object(conditionalHeaders.write)

/** The posts list's filters, search, sorts and pages, declared once; a user's posts share it. */
export const postList = listEndpoint(Post, {
  filter: { authorId: ['eq', 'in'], createdAt: ['gte', 'lte'], commentCount: ['gte'] },
  search: ['title', 'content'],
  sort: { fields: ['id', 'createdAt', 'title', 'commentCount'], default: '-id' },
  page: 'offset',
})

/** Lists posts a page at a time, newest first unless sorted otherwise, optionally filtered and searched. */
export const listPosts = get(
  '/',
  { summary: 'List posts', query: postList.query, inject: { posts: Posts }, response: PostPage },
  ({ query, deps: { posts } }) => postList.run(posts, query),
)

/** Reads one post, with its ETag; 304 when the client's copy is current. */
export const getPost = get(
  '/:id',
  {
    summary: 'Get a post',
    params: IdParams,
    headers: v.object(conditionalHeaders.read),
    inject: { posts: Posts },
    response: PostRead,
    successHeaders: etagHeader,
    responses: notModifiedResponse,
    errors: [404],
  },
  async (ctx) => {
    const row = (await ctx.deps.posts.get(ctx.params.id)) ?? missing(ctx.params.id)
    return versioned(ctx, row.version, row, ctx.headers['if-none-match'])
  },
)

/** Creates a post; an author that does not exist is 422, decided by the foreign key. */
export const createPost = post(
  '/',
  {
    summary: 'Create a post (as its author, or as an admin for anyone)',
    body: PostCreate,
    inject: { posts: Posts, user: CurrentUser },
    response: PostRead,
    successHeaders: { ...etagHeader, location: { description: 'The new post' } },
    errors: [403, 422],
  },
  async (ctx) => {
    // The author is in the body, which guards never read: only here can a user be kept from posting as another.
    const { user } = ctx.deps
    if (user?.role !== 'admin' && ctx.body.authorId !== user?.id) forbidden('Only an admin may post as another user')
    const row = await ctx.deps.posts.add(ctx.body)
    emit(ctx, PostCreated, { id: row.id, authorId: row.authorId, title: row.title })
    ctx.responseHeaders.set('location', `/posts/${row.id}`)
    return versioned(ctx, row.version, row)
  },
)

/** What replacing and patching a post share: the item, its If-Match, the answer. */
const postWrite = {
  params: IdParams,
  headers: writeHeaders,
  inject: { posts: Posts },
  response: PostRead,
  successHeaders: etagHeader,
  errors: [404, 412],
} as const

/** Writes the fields a PUT or PATCH carries, if the row still has a version the client named. */
async function writePost(ctx: HandlerContext<typeof postWrite & { body: typeof PostPatch }>) {
  const versions = versionsFromIfMatch(ctx.headers['if-match'])
  const row = (await ctx.deps.posts.update(ctx.params.id, ctx.body, { versions })) ?? missing(ctx.params.id)
  emit(ctx, PostChanged, { id: row.id, authorId: row.authorId, title: row.title })
  return versioned(ctx, row.version, row)
}

/** Replaces a post's title and content; honours If-Match. */
export const replacePost = put('/:id', { ...postWrite, summary: 'Replace a post', body: PostText }, (ctx) =>
  writePost(ctx),
)

/** Changes a post's title or content; honours If-Match. */
export const patchPost = patch('/:id', { ...postWrite, summary: 'Update part of a post', body: PostPatch }, (ctx) =>
  writePost(ctx),
)

/** Deletes a post; honours If-Match. */
export const deletePost = del(
  '/:id',
  {
    summary: 'Delete a post',
    params: IdParams,
    headers: writeHeaders,
    inject: { posts: Posts },
    errors: [404, 412],
  },
  async (ctx) => {
    const { params, headers, deps } = ctx
    if (!(await deps.posts.delete(params.id, { versions: versionsFromIfMatch(headers['if-match']) })))
      missing(params.id)
    emit(ctx, PostDeleted, { id: params.id })
  },
)
