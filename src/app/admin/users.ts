import * as v from 'valibot'
import { dto, get, pageOf, pageQuery, pageWindow, router } from '../../core'
import { deleteUser } from '../users/handlers'
import { User } from '../users/model'
import { provideUsers, Users } from '../users/repo'

/** A user as admins see it: every field but the password hash, including the row version the public view hides. */
export const UserAdminRead = dto('UserAdminRead', User.public, {
  description: 'Every field of a user except the password hash',
})

/** Lists users with the admin view, a page at a time. */
export const listUsersAdmin = get(
  '/',
  {
    summary: 'List users (admin view)',
    query: v.object(pageQuery()),
    inject: { users: Users },
    response: pageOf('UserAdminPage', UserAdminRead),
  },
  async ({ query, users }) => {
    const { items, total } = await users.list(pageWindow(query.page, query.per_page))
    return { items, total, page: query.page, per_page: query.per_page }
  },
)

/** `/admin/users`: the admin view, and the public API's delete handler registered again under the admin role. */
export const adminUsers = router({
  path: '/users',
  dependencies: [provideUsers],
  handlers: [listUsersAdmin, deleteUser],
})
