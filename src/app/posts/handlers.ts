import { forbidden } from '../../core'
import { emits, listEndpoint, resource } from '../../core/data'
import { ownerOrAdmin } from '../auth/owner-or-admin'
import { CurrentUser } from '../auth/principal'
import { IdParams } from '../common/fields'
import { PostChanged, PostCreated, PostDeleted } from '../events/catalog'
import { authorOfPost } from './author-of'
import { PostCreate, PostPage, PostPatch, PostRead, PostText } from './dtos'
import { Post } from './model'
import { Posts } from './repo'

/** The posts list's filters, search, sorts and pages, declared once; a user's posts share it. */
export const postList = listEndpoint(Post, {
  filter: { authorId: ['eq', 'in'], createdAt: ['gte', 'lte'], commentCount: ['gte'] },
  search: ['title', 'content'],
  sort: { fields: ['id', 'createdAt', 'title', 'commentCount'], default: '-id' },
  page: 'offset',
})

/** What every post event carries of the row. */
export const postCreated = emits(PostCreated, (row: { id: number; authorId: number; title: string }) => ({
  id: row.id,
  authorId: row.authorId,
  title: row.title,
}))

/**
 * Posts: list (newest first unless sorted otherwise, filtered and searched), get with its ETag, create (an author
 * that does not exist is 422, decided by the foreign key), replace, patch and delete honouring If-Match, by the
 * author or an admin.
 */
const posts = resource(Post, {
  repo: Posts,
  name: 'Post',
  list: postList,
  views: { read: PostRead, create: PostCreate, replace: PostText, patch: PostPatch, page: PostPage },
  owner: ownerOrAdmin('post', IdParams, authorOfPost, { posts: Posts }),
  events: {
    created: postCreated,
    changed: emits(PostChanged, ({ id, authorId, title }) => ({ id, authorId, title })),
    deleted: emits(PostDeleted, ({ id }) => ({ id })),
  },
  create: {
    inject: { user: CurrentUser },
    // The author is in the body, which guards never read: only here can a user be kept from posting as another.
    values: ({ body, deps: { user } }) => {
      if (user?.role !== 'admin' && body.authorId !== user?.id) forbidden('Only an admin may post as another user')
      return body
    },
  },
  specs: {
    /**
     * Posts, newest first unless `sort` says otherwise, an offset page at a time with the total: filter by author,
     * creation time and comment count, search in titles and contents. Public.
     */
    list: {},
    /** One post with its ETag (If-None-Match answers 304). Public; 404 when no post has the id. */
    get: {},
    /**
     * Creates a post for `authorId`: a logged-in user may post only as themself (403 otherwise), an admin as anyone; an
     * author that does not exist is 422. Retry-safe under an Idempotency-Key. Answers the post with its ETag and
     * Location, and emits `post.created` (GET /posts/live shows it).
     * @summary Create a post (as its author, or as an admin for anyone)
     */
    create: {
      errors: [403],
    },
    /**
     * Replaces the title and content. Only the author or an admin may call it. Honours If-Match (412 when stale),
     * answers the post with its new ETag and emits `post.changed`.
     */
    replace: {},
    /**
     * Changes the title or the content, as JSON or a JSON merge patch. Only the author or an admin may call it. Honours
     * If-Match (412 when stale), answers the post with its new ETag and emits `post.changed`.
     */
    patch: {},
    /**
     * Deletes the post and, by the foreign key, its comments. Only the author or an admin may call it. Honours If-Match
     * (412 when stale); 204, and `post.deleted` is emitted.
     */
    delete: {},
  },
})

export const { list: listPosts, get: getPost, create: createPost, replace: replacePost, patch: patchPost } = posts
export const deletePost = posts.delete
