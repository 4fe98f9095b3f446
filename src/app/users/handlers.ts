import * as v from 'valibot'
import { del, get, type HandlerContext, notFound, patch, post, put } from '../../core'
import { listEndpoint } from '../../core/data'
import { emit } from '../../core/events'
import { conditionalHeaders, etagHeader, notModifiedResponse, versioned, versionsFromIfMatch } from '../../core/http'
import { hashPassword } from '../auth/password'
import { IdParams } from '../common/fields'
import { UserCreated } from '../events/catalog'
import { UserCreate, UserPage, UserPatch, UserPublic, UserRead, UserReplace } from './dtos'
import { User } from './model'
import { Users } from './repo'

// Reads are cached in KV under the tags the repository records on every write (the table, and `users:<id>`), so
// any route that writes a user through it, the admin's included, purges what it made stale.
const CACHE_TTL = 300
const missing = (id: number) => notFound(`User ${id} not found`)
const readHeaders = v.object(conditionalHeaders.read)
const writeHeaders = v.object(conditionalHeaders.write)

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

/** Lists users a page at a time in the public view, optionally searching names and sorted. */
export const listUsers = get(
  '/',
  {
    summary: 'List users',
    cache: { ttl: CACHE_TTL, tags: ['users'] },
    query: userList.query,
    inject: { users: Users },
    response: UserPage,
  },
  ({ query, deps: { users } }) => userList.run(users, query),
)

/** Reads one user in the public view (the same for every caller, so it caches), with its ETag. */
export const getUser = get(
  '/:id',
  {
    summary: 'Get a user',
    cache: { ttl: CACHE_TTL, tags: ['users:{id}'] },
    params: IdParams,
    headers: readHeaders,
    inject: { users: Users },
    response: UserPublic,
    successHeaders: etagHeader,
    responses: notModifiedResponse,
    errors: [404],
  },
  async (ctx) => {
    const user = (await ctx.deps.users.get(ctx.params.id)) ?? missing(ctx.params.id)
    return versioned(ctx, user.version, user, ctx.headers['if-none-match'])
  },
)

/** Signs a user up; a taken email is 409, decided by the UNIQUE index. */
export const createUser = post(
  '/',
  {
    summary: 'Create a user',
    body: UserCreate,
    inject: { users: Users },
    response: UserRead,
    successHeaders: { ...etagHeader, location: { description: 'The new user' } },
    errors: [409],
  },
  async (ctx) => {
    const user = await ctx.deps.users.add(await hashed(ctx.body))
    emit(ctx, UserCreated, { id: user.id, name: user.name })
    ctx.responseHeaders.set('location', `/users/${user.id}`)
    return versioned(ctx, user.version, user)
  },
)

/** What replacing and patching a user share: the item, its If-Match, the answer. */
const userWrite = {
  params: IdParams,
  headers: writeHeaders,
  inject: { users: Users },
  response: UserRead,
  successHeaders: etagHeader,
  errors: [404, 409, 412],
} as const

/** Writes the fields a PUT or PATCH carries, if the row still has a version the client named. */
async function writeUser(ctx: HandlerContext<typeof userWrite & { body: typeof UserPatch }>) {
  const versions = versionsFromIfMatch(ctx.headers['if-match'])
  const user = (await ctx.deps.users.update(ctx.params.id, ctx.body, { versions })) ?? missing(ctx.params.id)
  return versioned(ctx, user.version, user)
}

/** Replaces a user's writable fields; honours If-Match. */
export const replaceUser = put('/:id', { ...userWrite, summary: 'Replace a user', body: UserReplace }, (ctx) =>
  writeUser(ctx),
)

/** Changes some of a user's fields; honours If-Match. */
export const patchUser = patch('/:id', { ...userWrite, summary: 'Update part of a user', body: UserPatch }, (ctx) =>
  writeUser(ctx),
)

/** Deletes a user and, by the foreign key's ON DELETE CASCADE, their posts; honours If-Match. */
export const deleteUser = del(
  '/:id',
  {
    summary: 'Delete a user and their posts',
    params: IdParams,
    headers: writeHeaders,
    inject: { users: Users },
    errors: [404, 412],
  },
  async ({ params, headers, deps: { users } }) => {
    const versions = versionsFromIfMatch(headers['if-match'])
    if (!(await users.delete(params.id, { versions }))) missing(params.id)
  },
)
