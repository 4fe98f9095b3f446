import * as v from 'valibot'
import {
  conditionalHeaders,
  del,
  emit,
  etagHeader,
  forbidden,
  get,
  type HandlerContext,
  notFound,
  notModifiedResponse,
  pageQuery,
  pageWindow,
  patch,
  post,
  put,
  versioned,
  versionsFromIfMatch,
} from '../../core'
import { CurrentUser } from '../auth/principal'
import { IdParams } from '../common/fields'
import { PostChanged, PostCreated, PostDeleted } from '../events/catalog'
import { PostCreate, PostPage, PostPatch, PostRead, PostText } from './dtos'
import { Posts } from './repo'

const missing = (id: number) => notFound(`Post ${id} not found`)
const writeHeaders = v.object(conditionalHeaders.write)

/** Lists posts a page at a time, newest first, optionally searching title and content. */
export const listPosts = get(
  '/',
  {
    summary: 'List posts',
    query: v.object({
      ...pageQuery(),
      search: v.optional(
        v.pipe(
          v.string(),
          v.maxLength(100),
          v.description('Case-insensitive substring of title or content; % and _ match themselves'),
        ),
      ),
    }),
    inject: { posts: Posts },
    response: PostPage,
  },
  async ({ query, deps: { posts } }) => {
    const search = query.search ? { text: query.search, fields: ['title', 'content'] as const } : undefined
    const window = pageWindow(query.page, query.per_page)
    const { items, total } = await posts.list({ ...window, search, orderBy: 'id', descending: true })
    return { items, total, page: query.page, per_page: query.per_page }
  },
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
