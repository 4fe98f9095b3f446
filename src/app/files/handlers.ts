import * as v from 'valibot'
import { del, get, HttpError, notFound, post, ValidationError } from '../../core'
import { conditionalHeaders, contentDisposition, notModified, parseRange, readMultipart } from '../../core/http'
import { CurrentUser } from '../auth/principal'
import { FilePage, KeyParams, ListQuery, UploadForm, UploadResult } from './dtos'
import { isFileKey } from './file-key'
import { sanitizeFileName } from './file-name'
import { fileTypeOf, SERVED_TYPES } from './file-types'
import { mayAccess } from './may-access'
import type { FileInfo } from './model'
import { Files } from './repo'
import { uploadLimitsOf } from './upload-limits'

/**
 * The caller’s files in key order, `per_page` at a time (50 unless asked, at most 100); an admin sees everyone’s. Send
 * the page’s `next` as `cursor` for the following one; `next` is null on the last page. Any logged-in user.
 * @summary List files
 */
export const listFiles = get(
  '/',
  {
    query: ListQuery,
    inject: { user: CurrentUser, files: Files },
    response: FilePage,
  },
  ({ query, deps: { user, files } }) =>
    files.list(user!.role === 'admin' ? undefined : user!.id, query.per_page, query.cursor),
)

const FIELD = 'file'

/**
 * Stores the `file` parts of a multipart body as they stream in: each is checked by extension and by its first bytes,
 * then stored under a generated key. Too many parts or a part over the size limit is refused (413) as soon as it
 * shows; a request with one bad part stores nothing.
 * @summary Upload one or more files
 */
export const uploadFiles = post(
  '/',
  {
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
      // All or nothing: when any part is refused, the files this request already stored are deleted.
      await files.delete(stored)
      throw e
    }
    return { files: stored }
  },
)

const Binary = v.file()
const header = (description: string) => ({ description })
const Bytes = v.pipe(v.number(), v.integer(), v.minValue(0))
const bodyHeaders = {
  etag: header('Strong entity tag of the stored bytes'),
  'content-length': { description: 'Bytes in this response', schema: Bytes },
  'content-disposition': header('attachment, with the original name (`filename*` when not ASCII)'),
  'accept-ranges': header('bytes'),
  'cache-control': header('private, no-cache: a browser may keep it, and asks again before reusing it'),
}

const Conditions = v.object({
  ...conditionalHeaders.read,
  /** One byte range, e.g. `bytes=0-1023`: answered 206 */
  range: v.optional(v.string()),
  /** The ETag the client holds part of */
  'if-range': v.optional(v.string()),
})

/**
 * Streams the stored bytes with the content type they were checked against, as an attachment under the original name. A
 * strong ETag makes If-None-Match answer 304; one `Range` answers 206 (416 past the end), and If-Range falls back to
 * the whole file when the copy changed. HEAD describes it without the body. The owner or an admin only: anyone else
 * gets the 404 a missing key gets.
 * @summary Download a file
 */
export const downloadFile = get(
  '/:key',
  {
    params: KeyParams,
    headers: Conditions,
    inject: { user: CurrentUser, files: Files },
    responseType: SERVED_TYPES,
    successHeaders: bodyHeaders,
    responses: {
      206: {
        description: 'The requested byte range',
        schema: Binary,
        contentType: SERVED_TYPES,
        headers: { ...bodyHeaders, 'content-range': header('`bytes first-last/size`') },
      },
      304: {
        description: 'The client’s copy (If-None-Match) is current',
        headers: { etag: bodyHeaders.etag, 'cache-control': bodyHeaders['cache-control'] },
      },
    },
    errors: [404, 416],
  },
  async ({ request, params, headers: conditions, deps: { user, files } }) => {
    const file = isFileKey(params.key) ? await files.head(params.key) : undefined
    if (!file || !mayAccess(user!, file.info)) return notFound(`File ${params.key} not found`)
    const { info, httpEtag } = file
    const headers = new Headers({
      etag: httpEtag,
      'cache-control': 'private, no-cache',
      'x-content-type-options': 'nosniff',
    })
    if (notModified(conditions['if-none-match'], httpEtag)) return new Response(null, { status: 304, headers })

    // If-Range with another validator means the client's partial copy is stale: send everything.
    const ifRange = conditions['if-range']
    const range = ifRange && ifRange !== httpEtag ? undefined : parseRange(conditions.range ?? null, info.size)
    if (range === 'unsatisfiable')
      throw new HttpError(416, {
        detail: `The range is outside the file's ${info.size} bytes`,
        headers: { 'content-range': `bytes */${info.size}` },
      })
    headers.set('content-type', info.contentType)
    headers.set('content-disposition', contentDisposition(info.name))
    headers.set('accept-ranges', 'bytes')
    headers.set('content-length', String(range ? range.length : info.size))
    if (range) headers.set('content-range', `bytes ${range.offset}-${range.offset + range.length - 1}/${info.size}`)
    const status = range ? 206 : 200
    if (request.method === 'HEAD') return new Response(null, { status, headers })
    const body = await files.body(file, range)
    // The object was deleted between the lookup and the read.
    if (!body) return notFound(`File ${params.key} not found`)
    return new Response(body, { status, headers })
  },
)

/**
 * Deletes the stored file from R2. The owner or an admin only: anyone else gets the 404 a missing key gets, so keys
 * cannot be probed. 204.
 * @summary Delete a file
 */
export const deleteFile = del(
  '/:key',
  {
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
