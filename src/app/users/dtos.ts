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
const writeExample = { name: 'Ada Lovelace', email: 'ada@example.com', age: 36, password: 'correct horse battery' }

// PBKDF2 cost grows with the input, so the length is capped as well as floored.
const Password = v.pipe(
  v.string(),
  v.minLength(8),
  v.maxLength(128),
  v.description('8 to 128 characters; stored only as a salted PBKDF2-SHA256 hash, never returned'),
)
const writable = { ...include(User.fields, ['name', 'email', 'age']), password: Password }

/** A user as every response shows it: all public fields; the version travels as the ETag. */
export const UserRead = dto('UserRead', exclude(User.public, ['version']), { examples: [userExample] })

/** What signing up takes. */
export const UserCreate = inputDto('UserCreate', writable, { examples: [writeExample] })

/** What replacing a user (PUT) takes: every writable field. */
export const UserReplace = inputDto('UserReplace', writable, { examples: [writeExample] })

/** What a partial update (PATCH) takes: any writable field. */
export const UserPatch = inputDto('UserPatch', partial(writable), { examples: [{ age: 37 }] })

/** What an administrator may change, including the role. */
export const UserAdminPatch = inputDto(
  'UserAdminPatch',
  partial(include(User.fields, ['name', 'email', 'age', 'role'])),
  {
    examples: [{ role: 'admin' }],
  },
)

/** One page of users. */
export const UserPage = pageOf('UserPage', UserRead)
