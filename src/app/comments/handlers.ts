import { emits, listEndpoint, resource } from '../../core/data'
import { ownerOrAdmin } from '../auth/owner-or-admin'
import { CurrentUser } from '../auth/principal'
import { cursorSecret } from '../common/db'
import { CommentCreated } from '../events/catalog'
import { Posts } from '../posts/repo'
import { authorOfComment } from './author-of'
import { CommentPage, CommentRead, CommentWrite } from './dtos'
import { Comment } from './model'
import { CommentParams, PostParams } from './params'
import { Comments } from './repo'

/** The list's filters, search, sorts and cursor pages, declared once: the query schema and the SQL follow from it. */
export const commentList = listEndpoint(Comment, {
  filter: { authorId: ['eq', 'in'], createdAt: ['gte', 'lte'] },
  search: ['body'],
  sort: { fields: ['createdAt', 'id'], default: 'createdAt', tieBreaker: 'id' },
  page: 'cursor',
})

/**
 * A post's comments: listed oldest first a keyset page at a time, read with their ETag, written by the logged-in
 * user, edited and deleted (honouring If-Match) by their author or an admin. A post that does not exist is a 404
 * (on create its foreign key decides); a comment of another post is a 404 too, as the repository is scoped.
 */
const comments = resource(Comment, {
  repo: Comments,
  name: 'Comment',
  params: PostParams,
  itemParams: CommentParams,
  parent: { repo: Posts, param: 'postId', field: 'postId', name: 'Post' },
  list: commentList,
  cursorSecret,
  views: { read: CommentRead, create: CommentWrite, patch: CommentWrite, page: CommentPage },
  owner: ownerOrAdmin('comment', CommentParams, authorOfComment, { comments: Comments }),
  events: { created: emits(CommentCreated, ({ id, postId, authorId }) => ({ id, postId, authorId })) },
  create: { inject: { user: CurrentUser }, values: ({ body, deps: { user } }) => ({ ...body, authorId: user!.id }) },
  specs: {
    /**
     * The comments of a post, oldest first unless `sort` says otherwise, a keyset page at a time: send the page's
     * `next` as `cursor`, with the same `sort`, for the following one. Filter by author and creation time, search in
     * the text. Public; 404 when the post does not exist.
     * @summary List a post's comments
     */
    list: {},
    /**
     * One comment of the post in the path, with its ETag (If-None-Match answers 304). Public; a comment of another post
     * is a 404, as one that does not exist.
     */
    get: {},
    /**
     * Adds a comment by the logged-in user (the author is never taken from the body). Retry-safe under an
     * Idempotency-Key. Answers the comment with its ETag and Location, and emits `comment.created`.
     * @summary Comment on a post
     */
    create: {},
    /**
     * Changes the text of a comment. Only its author or an admin may call it. Honours If-Match (412 when stale) and
     * answers the comment with its new ETag.
     * @summary Edit a comment
     */
    patch: {},
    /** Deletes a comment. Only its author or an admin may call it; honours If-Match (412 when stale). 204. */
    delete: {},
  },
})

export const { list: listComments, get: getComment, create: createComment, patch: patchComment } = comments
export const deleteComment = comments.delete
