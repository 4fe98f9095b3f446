import { router } from '../../core'
import { ownerOrAdmin } from '../auth/owner-or-admin'
import { IdParams } from '../common/fields'
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './handlers'
import { provideUsers } from './repo'

/** Changes to existing users: only the user themself or an admin. */
export const userWrites = router({
  guards: [ownerOrAdmin('user', IdParams, ({ params }) => params.id)],
  handlers: [replaceUser, patchUser, deleteUser],
})

/** `/users`: public reads and sign-up, plus the writes layer. */
export const users = router({
  path: '/users',
  tags: ['users'],
  dependencies: [provideUsers],
  // Sign-up is retry-safe: a repeat with the same Idempotency-Key gets the first answer, never a second user.
  idempotency: { methods: ['POST'] },
  handlers: [listUsers, getUser, createUser, userWrites],
})
