import { emits, listEndpoint, resource } from '../../core/data'
import { ownerOrAdmin } from '../auth/owner-or-admin'
import { hashPassword } from '../auth/password'
import { IdParams } from '../common/fields'
import { UserCreated } from '../events/catalog'
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
  owner: ownerOrAdmin('user', IdParams, ({ params }) => params.id),
  events: { created: emits(UserCreated, ({ id, name }) => ({ id, name })) },
  create: { values: ({ body }) => hashed(body) },
  specs: {
    list: { cache: { ttl: CACHE_TTL, tags: ['users'] } },
    // The public view, whatever the caller may see elsewhere.
    get: { cache: { ttl: CACHE_TTL, tags: ['users:{id}'] }, response: UserPublic },
    create: { errors: [409] },
    replace: { errors: [409] },
    patch: { errors: [409] },
    delete: { summary: 'Delete a user and their posts' },
  },
})

export const { list: listUsers, get: getUser, create: createUser, replace: replaceUser, patch: patchUser } = users
export const deleteUser = users.delete
