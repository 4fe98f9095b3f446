import { dependency } from '../../core'
import type { Repository } from '../../core/data'
import { provideRepository } from '../common/db'
import { User } from './model'

/** The users table's repository. */
export type UserRepository = Repository<typeof User>

/** Injects the users repository. */
export const Users = dependency<UserRepository>('users')

/** Provides the users repository on the request's D1 session. */
export const provideUsers = provideRepository(Users, User)
