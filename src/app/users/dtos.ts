import * as v from 'valibot'
import { dto, exclude, include, inputDto, pageOf, partial } from '../../core/data'
import { User } from './model'

/** A user as responses show it, for examples elsewhere in the document. */
export const userExample = {
  id: 1,
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  age: 36,
  role: 'user',
  createdAt: '2026-01-01T12:00:00.000Z',
  updatedAt: '2026-01-01T12:00:00.000Z',
}
const createExample = { name: 'Ada Lovelace', email: 'ada@example.com', age: 36, password: 'correct horse battery' }
const writeExample = { name: 'Ada Lovelace', age: 36 }

// PBKDF2 cost grows with the input, so the length is capped as well as floored.
const Password = v.pipe(v.string(), v.minLength(8), v.maxLength(128))
// The password and the email are set at sign-up and changed only at POST /auth/password and POST /auth/email,
// which ask for the current password: a stolen token alone cannot take the account.
const writable = include(User.fields, ['name', 'age'])

/**
 * The full view: only for the user themself (GET /auth/me, their own writes) and admins
 * @remarks
 * Every field but the password hash; the version is the ETag.
 */
export const UserRead = dto('UserRead', exclude(User.public, ['version']), {
  examples: [userExample],
})

/**
 * The public view, for anonymous callers and other users
 * @remarks
 * No email, role or age.
 */
export const UserPublic = dto('UserPublic', include(User.public, ['id', 'name', 'createdAt']), {
  examples: [{ id: userExample.id, name: userExample.name, createdAt: userExample.createdAt }],
})

/** What signing up takes. */
export const UserCreate = inputDto(
  'UserCreate',
  {
    ...include(User.fields, ['name', 'email', 'age']),
    /** 8 to 128 characters; stored only as a salted PBKDF2-SHA256 hash, never returned */
    password: Password,
  },
  { examples: [createExample] },
)

/** What replacing a user (PUT) takes: every writable field. */
export const UserReplace = inputDto('UserReplace', writable, { examples: [writeExample] })

/** What a partial update (PATCH) takes: any writable field. */
export const UserPatch = inputDto('UserPatch', partial(writable), { examples: [{ age: 37 }] })

/** What an administrator may change, including the role (not the email: only its holder changes it). */
export const UserAdminPatch = inputDto('UserAdminPatch', partial(include(User.fields, ['name', 'age', 'role'])), {
  examples: [{ role: 'admin' }],
})

/** One page of users, in the public view. */
export const UserPage = pageOf('UserPage', UserPublic)
