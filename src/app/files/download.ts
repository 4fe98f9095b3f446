import * as v from 'valibot'
import { conditionalHeaders, contentDisposition, get, HttpError, notFound, notModified, parseRange } from '../../core'
import { CurrentUser } from '../auth/principal'
import { isFileKey } from './file-key'
import { Files } from './file-store'
import { SERVED_TYPES } from './file-types'
import { mayAccess } from './may-access'
import { KeyParams } from './model'

const Binary = v.file()
const header = (description: string) => ({ description })
const Bytes = v.pipe(v.number(), v.integer(), v.minValue(0))
const bodyHeaders = {
  etag: header('Strong entity tag of the stored bytes'),
  'content-length': { description: 'Bytes in this response', schema: Bytes },
  'content-disposition': header('attachment, with the original name (`filename*` when not ASCII)'),
  'accept-ranges': header('bytes'),
}

const Conditions = v.object({
  ...conditionalHeaders.read,
  range: v.optional(v.pipe(v.string(), v.description('One byte range, e.g. `bytes=0-1023`: answered 206'))),
  'if-range': v.optional(v.pipe(v.string(), v.description('The ETag the client holds part of'))),
})

/**
 * Streams a file from R2 (or describes it, for HEAD): strong ETag with If-None-Match -> 304, a single
 * `Range` -> 206 with Content-Range, 416 past the end. Keys that are not the caller's answer 404.
 */
export const downloadFile = get(
  '/:key',
  {
    summary: 'Download a file',
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
      304: { description: 'The client’s copy (If-None-Match) is current', headers: { etag: bodyHeaders.etag } },
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
