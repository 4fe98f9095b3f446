import * as v from 'valibot'
import { del, type Guard, notFound } from '../../core'
import { emits, listEndpoint, resource } from '../../core/data'
import { conditionalHeaders, versionsFromIfMatch } from '../../core/http'
import { AccountDeletion } from '../auth/model'
import { ownerOrAdmin } from '../auth/owner-or-admin'
import { hashPassword } from '../auth/password'
import { CurrentUser } from '../auth/principal'
import { reauthenticate } from '../auth/reauthenticate'
import { IdParams } from '../common/fields'
import { UserCreated } from '../events/catalog'
import { reauthAccountPolicy, reauthPolicy, signupPolicy } from '../rate-limit/policies'
import { UserCreate, UserPage, UserPatch, UserPublic, UserRead, UserReplace } from './dtos'
import { User } from './model'
import { Users } from './repo'

// Reads are cached in KV under the tags the repository records on every write (the table, and `users:<id>`), so
// any route that writes a user through it, the admin's included, purges what it made stale.
const CACHE_TTL = 300

/** Swaps a plain password for its hash: only the hash is ever stored. */
async function hashed<T extends { password: string }>({ password, ...rest }: T) {
  return { ...rest, passwordHash: await hashPassword(password) }
}

/**
 * The public users list, declared once: names only (email, role and age are not public, so they are neither
 * searched nor filtered here; the admin list offers them).
 */
export const userList = listEndpoint(User, {
  search: ['name'],
  sort: { fields: ['id', 'name', 'createdAt'], default: 'id' },
  page: 'offset',
})

const owner = ownerOrAdmin('user', IdParams, ({ params }) => params.id)

/**
 * Deletes the account and, by the foreign key, its posts. The body carries the current password of whoever deletes
 * (the user themself, or the admin acting): a stolen token alone cannot delete an account, and wrong passwords are
 * rate limited per address and per account. Honours If-Match (412 when the user changed since). 204 on success; 404
 * when no user has the id.
 * @summary Delete a user and their posts (needs the current password of whoever deletes)
 * @param guards The route's own (the owner guard here; the admin layer brings its role).
 */
export const deleteWithPassword = (guards: readonly Guard[]) =>
  del(
    '/:id',
    {
      params: IdParams,
      headers: v.object(conditionalHeaders.write),
      body: AccountDeletion,
      guards,
      rateLimit: [reauthPolicy, reauthAccountPolicy],
      inject: { users: Users, user: CurrentUser },
      errors: [403, 404, 412],
    },
    async ({ params, headers, body, deps: { users, user } }) => {
      await reauthenticate(users, user!.id, body.currentPassword)
      const versions = versionsFromIfMatch(headers['if-match'])
      if (!(await users.delete(params.id, { versions }))) notFound(`User ${params.id} not found`)
    },
  )

/**
 * Users: the public list and reads (cached, the same for every caller), sign-up (a taken email is 409, decided by
 * the UNIQUE index), and replace, patch and delete (their posts too, by the foreign key's ON DELETE CASCADE)
 * honouring If-Match, by the user themself or an admin.
 */
const users = resource(User, {
  repo: Users,
  name: 'User',
  list: userList,
  views: { read: UserRead, create: UserCreate, replace: UserReplace, patch: UserPatch, page: UserPage },
  owner,
  events: { created: emits(UserCreated, ({ id, name }) => ({ id, name })) },
  create: { values: ({ body }) => hashed(body) },
  specs: {
    /**
     * Users in the public view (id, name, creation time), an offset page at a time with the total: search in names,
     * sort by id, name or creation time. Public and the same for every caller, so it is cached for 5 minutes; any write
     * to a user purges it.
     */
    list: {
      cache: { ttl: CACHE_TTL, tags: ['users'] },
    },
    /**
     * One user in the public view, with an ETag (If-None-Match answers 304). Public; cached for 5 minutes and purged
     * when the user changes. The private fields are for the user themself (GET /auth/me, the answers to their own
     * writes) and admins (GET /admin/users/{id}).
     */
    get: {
      cache: { ttl: CACHE_TTL, tags: ['users:{id}'] },
      // The public view, whatever the caller may see elsewhere.
      response: UserPublic,
    },
    /**
     * Signs up: an account from name, email, password and optional age, always with the `user` role; the password is
     * stored only as a salted hash. Public, and limited per address because a taken email is told (409). Answers the
     * new account in the full view with its ETag and Location, and emits `user.created`.
     */
    create: {
      errors: [409],
      // Sign-up says whether an email is taken (409): limited per address, so it is no unlimited oracle.
      rateLimit: [signupPolicy],
      exposesPrivate: {
        fields: ['email', 'age', 'role'],
        reason: 'answers the new account to the one who just created it',
      },
    },
    /**
     * Replaces the writable fields (name and age; the email changes only through POST /auth/email). The user themself
     * or an admin may call it. Honours If-Match (412 when stale) and answers the full view with the new ETag.
     */
    replace: {
      errors: [409],
    },
    /**
     * Changes the fields sent (name, age), as JSON or a JSON merge patch; the rest stay. The user themself or an admin
     * may call it. Honours If-Match (412 when stale) and answers the full view with the new ETag.
     */
    patch: {
      errors: [409],
    },
  },
  override: { delete: deleteWithPassword([owner]) },
})

export const { list: listUsers, get: getUser, create: createUser, replace: replaceUser, patch: patchUser } = users
export const deleteUser = users.delete
