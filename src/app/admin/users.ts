import { get, notFound, router } from '../../core'
import { dto, listEndpoint, pageOf, resource } from '../../core/data'
import { IdParams } from '../common/fields'
import { UserAdminPatch } from '../users/dtos'
import { deleteWithPassword } from '../users/handlers'
import { User } from '../users/model'
import { provideUsers, Users } from '../users/repo'

/**
 * Every field of a user except the password hash
 * @remarks
 * As admins see it, including the row version the public view hides.
 */
export const UserAdminRead = dto('UserAdminRead', User.public, {
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

/** The admin users list: filters on role and age, and search in names and emails, which the public list hides. */
const adminUserList = listEndpoint(User, {
  filter: { role: ['eq', 'in'], age: ['eq', 'gte', 'lte'] },
  search: ['name', 'email'],
  sort: { fields: ['id', 'name', 'createdAt'], default: 'id' },
  page: 'offset',
})

/**
 * One user with every field but the password hash, the row version included (as a number, not an ETag). Admins only;
 * never cached; 404 when no user has the id.
 * @summary Get a user (admin view)
 */
export const getUserAdmin = get(
  '/:id',
  {
    params: IdParams,
    inject: { users: Users },
    response: UserAdminRead,
    errors: [404],
  },
  async ({ params, deps: { users } }) => (await users.get(params.id)) ?? notFound(`User ${params.id} not found`),
)

/**
 * The admin's users: the admin list (only here can users be searched by email), the admin view, changes to any
 * field, the role included (a changed role holds from the user's next request on), and deletion.
 */
const users = resource(User, {
  repo: Users,
  name: 'User',
  itemParams: IdParams,
  list: adminUserList,
  views: { read: UserAdminRead, patch: UserAdminPatch, page: pageOf('UserAdminPage', UserAdminRead) },
  only: ['list', 'get', 'patch', 'delete'],
  // Deleting takes the admin's own current password, as it takes the owner's on /users/:id: the same handler.
  override: { get: getUserAdmin, delete: deleteWithPassword([]) },
  specs: {
    /**
     * Users with every field but the password hash, an offset page at a time with the total: filter by role and age,
     * search in names and emails (only here), sort by id, name or creation time. Admins only.
     * @summary List users (admin view)
     */
    list: {},
    /**
     * Changes the name, age or role of any user (the email only its holder changes). A changed role holds from the
     * user's next request on, whatever tokens they hold. Admins only; honours If-Match (412 when stale).
     * @summary Update part of a user, including the role (admin)
     */
    patch: {
      errors: [409],
    },
  },
})

/** `/admin/users`: the admin view of users. */
export const adminUsers = router({
  path: '/users',
  dependencies: [provideUsers],
  handlers: [users.list, users.get, users.patch, users.delete],
})
