import { router } from '../../core'
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './handlers'
import { provideUsers } from './repo'

/** Changes to existing users: the layer access control attaches its guards to. */
export const userWrites = router({ handlers: [replaceUser, patchUser, deleteUser] })

/** `/users`: public reads and sign-up, plus the writes layer. */
export const users = router({
  path: '/users',
  tags: ['users'],
  dependencies: [provideUsers],
  handlers: [listUsers, getUser, createUser, userWrites],
})
