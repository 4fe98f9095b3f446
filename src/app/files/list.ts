import { get, ValidationError } from '../../core'
import { CurrentUser } from '../auth/principal'
import { Files } from './file-store'
import { FilePage, ListQuery } from './model'

/** The caller's files (an admin's: everyone's), in key order, one page at a time. */
export const listFiles = get(
  '/',
  {
    summary: 'List files',
    description: 'The caller’s files; an admin sees everyone’s. Pass the returned `cursor` for the next page.',
    query: ListQuery,
    inject: { user: CurrentUser, files: Files },
    response: FilePage,
  },
  async ({ query, user, files }) => {
    try {
      return await files.list(user!.role === 'admin' ? undefined : user!.id, query.limit, query.cursor)
    } catch (e) {
      // R2 rejects a cursor it did not issue; that is the client's mistake, not a server error.
      if (query.cursor === undefined) throw e
      throw new ValidationError([{ in: 'query', name: 'cursor', pointer: '/cursor', message: 'is not a valid cursor' }])
    }
  },
)
