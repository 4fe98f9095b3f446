import { dependency, provide } from '../../core'
import { writeRecorder } from '../../core/cache'
import { Repository } from '../../core/data'
import { User } from './model'

/** The users table's repository. */
export type UserRepository = Repository<typeof User>

/** Injects the users repository. */
export const Users = dependency<UserRepository>('users')

/** Provides the users repository, built per request from the D1 binding; its writes purge the cache entries they make stale. */
export const provideUsers = provide(Users, (ctx) => new Repository(ctx.env.DB, User, { onWrite: writeRecorder(ctx) }))
