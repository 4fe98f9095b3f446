import { dependency, provide, Repository } from '../../core'
import { User } from './model'

/** The users table's repository. */
export type UserRepository = Repository<typeof User>

/** Injects the users repository. */
export const Users = dependency<UserRepository>('users')

/** Provides the users repository, built per request from the D1 binding. */
export const provideUsers = provide(Users, ({ env }) => new Repository(env.DB, User))
