import { dependency, provide } from '../../core'
import { writeRecorder } from '../../core/cache'
import { Repository } from '../../core/data'
import { idempotencyRecord } from '../../core/idempotency'
import { Db } from '../common/db'
import { Post } from './model'

/** The posts table's repository. */
export type PostRepository = Repository<typeof Post>

/** Injects the posts repository. */
export const Posts = dependency<PostRepository>('posts')

/** Provides the posts repository, built per request on the request's D1 session; its writes purge the cache entries they make stale. */
export const providePosts = provide(
  Posts,
  { inject: { db: Db } },
  (ctx) => new Repository(ctx.deps.db, Post, { onWrite: writeRecorder(ctx), idempotency: idempotencyRecord(ctx) }),
)
