import { dependency, provide } from '../../core'
import { writeRecorder } from '../../core/cache'
import { Repository } from '../../core/data'
import { idempotencyRecord } from '../../core/idempotency'
import { Db } from '../common/db'
import { User } from './model'

/** The users table's repository. */
export type UserRepository = Repository<typeof User>

/** Injects the users repository. */
export const Users = dependency<UserRepository>('users')

/** Provides the users repository, built per request on the request's D1 session; its writes purge the cache entries they make stale. */
export const provideUsers = provide(
  Users,
  { inject: { db: Db } },
  (ctx) => new Repository(ctx.deps.db, User, { onWrite: writeRecorder(ctx), idempotency: idempotencyRecord(ctx) }),
)
