import * as v from 'valibot'
import {
  conditionalHeaders,
  dto,
  etagHeader,
  get,
  notFound,
  pageOf,
  patch,
  router,
  versioned,
  versionsFromIfMatch,
} from '../../core'
import { IdParams } from '../common/fields'
import { UserAdminPatch } from '../users/dtos'
import { deleteUser, userList } from '../users/handlers'
import { User } from '../users/model'
import { provideUsers, Users } from '../users/repo'

/** A user as admins see it: every field but the password hash, including the row version the public view hides. */
export const UserAdminRead = dto('UserAdminRead', User.public, {
  description: 'Every field of a user except the password hash',
  examples: [
    {
      id: 2,
      name: 'Alice Example',
      email: 'alice@example.com',
      age: 31,
      role: 'user',
      version: 1,
      createdAt: '2026-01-01T12:00:00.000Z',
      updatedAt: '2026-01-01T12:00:00.000Z',
    },
  ],
})

/** Lists users with the admin view, a page at a time. */
export const listUsersAdmin = get(
  '/',
  {
    summary: 'List users (admin view)',
    query: userList.query,
    inject: { users: Users },
    response: pageOf('UserAdminPage', UserAdminRead),
  },
  ({ query, deps: { users } }) => userList.run(users, query),
)

/** Changes any user's fields, the role included; a changed role reaches tokens issued from then on. */
export const patchUserAdmin = patch(
  '/:id',
  {
    summary: 'Update part of a user, including the role (admin)',
    params: IdParams,
    headers: v.object(conditionalHeaders.write),
    body: UserAdminPatch,
    inject: { users: Users },
    response: UserAdminRead,
    successHeaders: etagHeader,
    errors: [404, 409, 412],
  },
  async (ctx) => {
    const versions = versionsFromIfMatch(ctx.headers['if-match'])
    const user =
      (await ctx.deps.users.update(ctx.params.id, ctx.body, { versions })) ??
      notFound(`User ${ctx.params.id} not found`)
    return versioned(ctx, user.version, user)
  },
)

/** `/admin/users`: the admin view, and the public API's delete handler registered again under the admin role. */
export const adminUsers = router({
  path: '/users',
  dependencies: [provideUsers],
  handlers: [listUsersAdmin, patchUserAdmin, deleteUser],
})
