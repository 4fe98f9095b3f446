import { dependency, provide } from '../../core'
import { writeRecorder } from '../../core/cache'
import { Repository } from '../../core/data'
import { idempotencyRecord } from '../../core/idempotency'
import { Db } from '../common/db'
import { Comment } from './model'

/** The comments of one post: reads and writes cannot reach another post's comments. */
export type CommentRepository = Repository<typeof Comment>

/** Injects the comments of the post in the path. */
export const Comments = dependency<CommentRepository>('comments')

/**
 * Provides the repository scoped to the `postId` path parameter (validated before anything resolves it). A write
 * also records the post's tags: its comment count changed.
 */
export const provideComments = provide(Comments, { inject: { db: Db } }, (ctx) => {
  const postId = (ctx.params as { postId?: unknown }).postId
  if (typeof postId !== 'number') throw new Error(`${ctx.route?.path}: comments need a numeric postId path parameter`)
  return new Repository(ctx.deps.db, Comment, {
    onWrite: writeRecorder(ctx),
    idempotency: idempotencyRecord(ctx),
  }).scoped({ postId }, ['posts', `posts:${postId}`])
})
