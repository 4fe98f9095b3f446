import { dependency, provide, Repository } from '../../core'
import { Post } from './model'

/** The posts table's repository. */
export type PostRepository = Repository<typeof Post>

/** Injects the posts repository. */
export const Posts = dependency<PostRepository>('posts')

/** Provides the posts repository, built per request from the D1 binding. */
export const providePosts = provide(Posts, ({ env }) => new Repository(env.DB, Post))
