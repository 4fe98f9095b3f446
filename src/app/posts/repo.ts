import { dependency, provide } from '../../core'
import { writeRecorder } from '../../core/cache'
import { Repository } from '../../core/data'
import { Post } from './model'

/** The posts table's repository. */
export type PostRepository = Repository<typeof Post>

/** Injects the posts repository. */
export const Posts = dependency<PostRepository>('posts')

/** Provides the posts repository, built per request from the D1 binding; its writes purge the cache entries they make stale. */
export const providePosts = provide(Posts, (ctx) => new Repository(ctx.env.DB, Post, { onWrite: writeRecorder(ctx) }))
