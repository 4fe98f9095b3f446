import { dependency } from '../../core'
import type { Repository } from '../../core/data'
import { provideRepository } from '../common/db'
import { Post } from './model'

/** The posts table's repository. */
export type PostRepository = Repository<typeof Post>

/** Injects the posts repository. */
export const Posts = dependency<PostRepository>('posts')

/** Provides the posts repository on the request's D1 session. */
export const providePosts = provideRepository(Posts, Post)
