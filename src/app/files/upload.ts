import { post, ValidationError } from '../../core'
import { readMultipart } from '../../core/http'
import { CurrentUser } from '../auth/principal'
import { sanitizeFileName } from './file-name'
import { Files } from './file-store'
import { fileTypeOf } from './file-types'
import { type FileInfo, UploadForm, UploadResult } from './model'
import { uploadLimitsOf } from './upload-limits'

const FIELD = 'file'

/**
 * Stores one or more files from a multipart body, streamed part by part under the layer's limits.
 * All or nothing: when any part is refused, the files already stored by this request are deleted.
 */
export const uploadFiles = post(
  '/',
  {
    summary: 'Upload one or more files',
    description:
      'Each `file` part is checked by extension and by its first bytes, then stored under a generated key. ' +
      'Too many parts or a part over the size limit is refused (413) as soon as it shows; a request with one ' +
      'bad part stores nothing.',
    body: UploadForm,
    bodyType: 'form',
    readBody: false,
    inject: { user: CurrentUser, files: Files },
    response: UploadResult,
  },
  async ({ request, route, deps: { user, files } }) => {
    const owner = user!.id
    const stored: FileInfo[] = []
    try {
      let index = 0
      for await (const part of readMultipart(request, uploadLimitsOf(route))) {
        const pointer = `/${part.name.replaceAll('~', '~0').replaceAll('/', '~1')}`
        if (part.name !== FIELD)
          throw new ValidationError([{ in: 'body', name: part.name, pointer, message: 'is not an accepted field' }])
        if (part.filename === undefined)
          throw new ValidationError([
            { in: 'body', name: FIELD, pointer: `${pointer}/${index}`, message: 'must be a file' },
          ])
        const name = sanitizeFileName(part.filename)
        const type = fileTypeOf(name, part.data, FIELD, index)
        stored.push(await files.put(owner, name, type, part.data))
        index++
      }
      if (stored.length === 0)
        throw new ValidationError([{ in: 'body', name: FIELD, pointer: `/${FIELD}`, message: 'is required' }])
    } catch (e) {
      await files.delete(stored)
      throw e
    }
    return { files: stored }
  },
)
