import { dependency } from '../../core'
import { writeRecorder } from '../../core/cache'
import { Repository } from '../../core/data'
import { idempotencyRecord } from '../../core/idempotency'
import { Db } from '../common/db'
import { Comment } from './model'
import { onPost } from './params'

/** The comments of one post: reads and writes cannot reach another post's comments. */
export type CommentRepository = Repository<typeof Comment>

/** Injects the comments of the post in the path. */
export const Comments = dependency<CommentRepository>('comments')

/**
 * Provides the repository scoped to the `postId` path parameter (validated before anything resolves it, and every
 * route the provider serves validates it: the app refuses to build otherwise). A write also records the post's
 * tags: its comment count changed.
 */
export const provideComments = onPost.provide(Comments, { inject: { db: Db } }, (ctx) => {
  const { postId } = ctx.params
  return new Repository(ctx.deps.db, Comment, {
    onWrite: writeRecorder(ctx),
    idempotency: idempotencyRecord(ctx),
  }).scoped({ postId }, ['posts', `posts:${postId}`])
})
