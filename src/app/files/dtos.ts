import * as v from 'valibot'
import { pageQuery } from '../../core/data'
import { FILE_KEY } from './file-key'
import { ALLOWED_EXTENSIONS } from './file-types'
import { FileInfo, fileExample } from './model'

/** What an upload answers with: every stored file, in the order sent. */
export const UploadResult = v.pipe(
  v.object({ files: v.array(FileInfo) }),
  v.title('UploadResult'),
  v.metadata({ examples: [{ files: [fileExample()] }] }),
)

/** One page of files and `next`, the cursor of the following page (null on the last): the core's cursor page. */
export const FilePage = v.pipe(
  v.object({
    items: v.array(FileInfo),
    /** Send as `cursor` for the next page; null on the last page */
    next: v.nullable(v.string()),
  }),
  v.title('FilePage'),
  v.metadata({ examples: [{ items: [fileExample()], next: null }] }),
)

/**
 * The multipart upload as documented; the handler streams it itself under the layer's limits. The example is two
 * `file` parts of text (sent with names such as `notes.txt` and `people.csv`), which the handler stores as they are.
 */
export const UploadForm = v.pipe(
  v.object({
    file: v.pipe(
      v.array(v.file()),
      v.minLength(1),
      v.description(
        `One or more file parts (by default at most 5, 10 MB each), each with a filename. Allowed: ` +
          `${ALLOWED_EXTENSIONS.join(', ')}; the content must match the extension (magic numbers, or UTF-8 text).`,
      ),
    ),
  }),
  v.metadata({ examples: [{ file: ['It might act upon other things besides number.\n', 'name,age\nAda,36\n'] }] }),
)

/** The query of the file list: the core's cursor-page vocabulary, `per_page` and the previous page's `next`. */
export const ListQuery = v.object({
  per_page: pageQuery({ defaultPerPage: 50 }).per_page,
  /** The `next` of the previous page; omit for the first page */
  cursor: v.optional(v.pipe(v.string(), v.regex(FILE_KEY, 'is not a cursor from a previous page'))),
})

/** The `:key` path parameter; keys that are not ours answer 404 rather than 400, so this stays a string. */
export const KeyParams = v.object({
  /** A key returned by the upload, e.g. `<uuid>.png` */
  key: v.pipe(v.string(), v.maxLength(200)),
})
