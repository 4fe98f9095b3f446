import * as v from 'valibot'
import { get, notFound, patch, router } from '../../core'
import { dto, listEndpoint, pageOf } from '../../core/data'
import { conditionalHeaders, etagHeader, versioned, versionsFromIfMatch } from '../../core/http'
import { IdParams } from '../common/fields'
import { UserAdminPatch } from '../users/dtos'
import { deleteUser } from '../users/handlers'
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

/** The admin users list: filters on role and age, and search in names and emails, which the public list hides. */
const adminUserList = listEndpoint(User, {
  filter: { role: ['eq', 'in'], age: ['eq', 'gte', 'lte'] },
  search: ['name', 'email'],
  sort: { fields: ['id', 'name', 'createdAt'], default: 'id' },
  page: 'offset',
})

/** Lists users with the admin view, a page at a time; only here can users be searched by email. */
export const listUsersAdmin = get(
  '/',
  {
    summary: 'List users (admin view)',
    query: adminUserList.query,
    inject: { users: Users },
    response: pageOf('UserAdminPage', UserAdminRead),
  },
  ({ query, deps: { users } }) => adminUserList.run(users, query),
)

/** One user in the admin view. */
export const getUserAdmin = get(
  '/:id',
  {
    summary: 'Get a user (admin view)',
    params: IdParams,
    inject: { users: Users },
    response: UserAdminRead,
    errors: [404],
  },
  async ({ params, deps: { users } }) => (await users.get(params.id)) ?? notFound(`User ${params.id} not found`),
)

/** Changes any user's fields, the role included; a changed role holds from the user's next request on. */
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
  handlers: [listUsersAdmin, getUserAdmin, patchUserAdmin, deleteUser],
})
