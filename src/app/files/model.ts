import * as v from 'valibot'
import { FILE_KEY } from './file-key'
import { ALLOWED_EXTENSIONS } from './file-types'

/** How a stored file is described, for the document's examples. */
function fileExample() {
  return {
    key: '0b0e4c8e-8a0c-4f5e-9a53-5c1f0f6f2a10.png',
    name: 'diagram.png',
    size: 48213,
    contentType: 'image/png',
    owner: 2,
    uploadedAt: '2026-01-01T12:00:00.000Z',
  }
}

/** What is known about a stored file; never its bytes. */
export const FileInfo = v.pipe(
  v.object({
    key: v.pipe(v.string(), v.description('The generated key: a UUID and the extension')),
    name: v.pipe(v.string(), v.description('The original file name, sanitized')),
    size: v.pipe(v.number(), v.integer(), v.description('Bytes')),
    contentType: v.string(),
    owner: v.pipe(v.number(), v.integer(), v.description('The uploader’s user id')),
    uploadedAt: v.pipe(v.string(), v.isoTimestamp()),
  }),
  v.title('FileInfo'),
  v.metadata({ examples: [fileExample()] }),
)
/** A stored file's description. */
export type FileInfo = v.InferOutput<typeof FileInfo>

/** What an upload answers with: every stored file, in the order sent. */
export const UploadResult = v.pipe(
  v.object({ files: v.array(FileInfo) }),
  v.title('UploadResult'),
  v.metadata({ examples: [{ files: [fileExample()] }] }),
)

/** One page of files and the cursor to the next, null on the last page. */
export const FilePage = v.pipe(
  v.object({ items: v.array(FileInfo), cursor: v.nullable(v.string()) }),
  v.title('FilePage'),
  v.metadata({ examples: [{ items: [fileExample()], cursor: null }] }),
)

/** The multipart upload as documented; the handler streams it itself under the layer's limits. */
export const UploadForm = v.object({
  file: v.pipe(
    v.array(v.file()),
    v.minLength(1),
    v.description(
      `One or more file parts (by default at most 5, 10 MB each). Allowed: ${ALLOWED_EXTENSIONS.join(', ')}; ` +
        'the content must match the extension (magic numbers, or UTF-8 text).',
    ),
  ),
})

/** The query of the file list. */
export const ListQuery = v.object({
  cursor: v.optional(
    v.pipe(
      v.string(),
      v.regex(FILE_KEY, 'is not a cursor from a previous page'),
      v.description('From the previous page'),
    ),
  ),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 50),
})

/** The `:key` path parameter; keys that are not ours answer 404 rather than 400, so this stays a string. */
export const KeyParams = v.object({
  key: v.pipe(v.string(), v.maxLength(200), v.description('A key returned by the upload, e.g. `<uuid>.png`')),
})
