import { get } from '../../core'
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
  ({ query, deps: { user, files } }) =>
    files.list(user!.role === 'admin' ? undefined : user!.id, query.limit, query.cursor),
)
