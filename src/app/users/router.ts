import { router } from '../../core'
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './handlers'
import { provideUsers } from './repo'

/** `/users`: public reads and sign-up; changes to existing users by the user themself or an admin. */
export const users = router({
  path: '/users',
  tags: ['users'],
  dependencies: [provideUsers],
  // Sign-up is retry-safe: a repeat with the same Idempotency-Key gets the first answer, never a second user.
  idempotency: { methods: ['POST'] },
  handlers: [listUsers, getUser, createUser, replaceUser, patchUser, deleteUser],
})
