import { del, notFound } from '../../core'
import { CurrentUser } from '../auth/principal'
import { isFileKey } from './file-key'
import { Files } from './file-store'
import { mayAccess } from './may-access'
import { KeyParams } from './model'

/** Deletes a file: its owner or an admin; anyone else gets the same 404 as for a key that does not exist. */
export const deleteFile = del(
  '/:key',
  {
    summary: 'Delete a file',
    params: KeyParams,
    inject: { user: CurrentUser, files: Files },
    errors: [404],
  },
  async ({ params, deps: { user, files } }) => {
    const file = isFileKey(params.key) ? await files.head(params.key) : undefined
    if (!file || !mayAccess(user!, file.info)) return notFound(`File ${params.key} not found`)
    await files.delete([file.info])
  },
)
