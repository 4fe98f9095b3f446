import { concatBytes, indexOfBytes } from '../kernel/bytes'
import { HttpError } from '../kernel/errors'
import { unreadableBody } from '../kernel/unreadable-body'
import { malformed, type PartHeaders, parsePartHeaders } from './part-headers'

/** Limits a multipart body is read under; every one is enforced while streaming. */
export interface MultipartLimits {
  /** Most file parts (parts with a filename). */
  readonly maxFiles: number
  /** Largest file part in bytes. */
  readonly maxFileSize: number
  /** Most plain fields (default 20). */
  readonly maxFields?: number
  /** Largest plain field in bytes (default 64 KiB). */
  readonly maxFieldSize?: number
}

/** One part of a multipart body, read whole (never more than its limit). */
export interface MultipartPart extends PartHeaders {
  readonly data: Uint8Array
}

const CRLF = new Uint8Array([13, 10])
const HEADER_END = new Uint8Array([13, 10, 13, 10])
const MAX_HEADER = 8 * 1024
const encoder = new TextEncoder()
const headerDecoder = new TextDecoder()

const tooLarge = (detail: string, extensions: Record<string, unknown>) => new HttpError(413, { detail, extensions })

/** The most bytes a body within the limits can take, headers and delimiters included. */
export const multipartCeiling = (limits: MultipartLimits): number => {
  const perPart = MAX_HEADER + 2 * 72 + 8
  const fields = limits.maxFields ?? 20
  return limits.maxFiles * (limits.maxFileSize + perPart) + fields * ((limits.maxFieldSize ?? 65536) + perPart)
}

/** The boundary of a `multipart/form-data` request; 415 for any other media type. */
function boundaryOf(request: Request): string {
  const type = request.headers.get('content-type') ?? ''
  const media = type.split(';')[0]!.trim().toLowerCase()
  const m = type.match(/;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i)
  if (media !== 'multipart/form-data' || !m)
    throw new HttpError(415, {
      detail: `Expected a multipart/form-data body with a boundary, got ${media || 'no Content-Type'}`,
      headers: { accept: 'multipart/form-data' },
    })
  return m[1] ?? m[2]!
}

/**
 * Streams a `multipart/form-data` request body part by part with running byte counts: a part over its
 * limit, or one part too many, is refused (413) as soon as it shows, so an oversized body is never
 * buffered whole. A declared Content-Length beyond what the limits allow is refused before reading.
 * @example for await (const part of readMultipart(request, { maxFiles: 5, maxFileSize: 10e6 })) store(part)
 */
export async function* readMultipart(request: Request, limits: MultipartLimits): AsyncGenerator<MultipartPart> {
  const boundary = boundaryOf(request)
  const ceiling = multipartCeiling(limits)
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > ceiling)
    throw tooLarge(`The upload of ${declared} bytes exceeds what the limits allow (${ceiling} bytes)`, {
      limit: ceiling,
    })
  if (!request.body) throw malformed('the body is empty')
  const reader = request.body.getReader()
  const delimiter = encoder.encode(`\r\n--${boundary}`)
  // A virtual CRLF up front lets the first delimiter be found like every later one.
  let buf: Uint8Array = CRLF
  let pos = 0
  let ended = false
  const fill = async (): Promise<boolean> => {
    if (ended) return false
    const { done, value } = await reader.read().catch((e: unknown) => {
      // The client went away or the body broke mid-upload: its request, not a server bug.
      throw unreadableBody(e)
    })
    if (done) {
      ended = true
      return false
    }
    const rest = buf.subarray(pos)
    buf = rest.length ? concatBytes([rest, value]) : value
    pos = 0
    return true
  }
  /** Reads up to the next delimiter, handing over bytes that cannot be part of it; throws at `limit`. */
  const readUntilDelimiter = async (limit: number, over: () => HttpError): Promise<Uint8Array> => {
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const at = indexOfBytes(buf, delimiter, pos)
      const end = at === -1 ? Math.max(pos, buf.length - delimiter.length + 1) : at
      if (end > pos) {
        size += end - pos
        if (size > limit) throw over()
        chunks.push(buf.slice(pos, end))
        pos = end
      }
      if (at !== -1) {
        pos = at + delimiter.length
        return concatBytes(chunks, size)
      }
      if (!(await fill())) throw malformed('the closing boundary is missing')
    }
  }

  try {
    await readUntilDelimiter(MAX_HEADER, () => malformed('the preamble is too long'))
    let files = 0
    let fields = 0
    for (;;) {
      while (buf.length - pos < 2) if (!(await fill())) throw malformed('the body ends after a boundary')
      if (buf[pos] === 45 && buf[pos + 1] === 45) return // "--": the closing delimiter
      let headerEnd = indexOfBytes(buf, HEADER_END, pos)
      while (headerEnd === -1) {
        if (buf.length - pos > MAX_HEADER) throw malformed('part headers are too long')
        if (!(await fill())) throw malformed('part headers are cut off')
        headerEnd = indexOfBytes(buf, HEADER_END, pos)
      }
      // What follows a boundary is optional whitespace, then CRLF, then the headers.
      const raw = headerDecoder.decode(buf.subarray(pos, headerEnd))
      const block = raw.replace(/^[ \t]*\r\n/, '')
      if (block === raw) throw malformed('a boundary is not followed by a line break')
      // The header block's last CRLF may also open the delimiter of an empty part: search from it.
      pos = headerEnd + 2
      const headers = parsePartHeaders(block)
      const isFile = headers.filename !== undefined
      if (isFile && ++files > limits.maxFiles)
        throw tooLarge(`At most ${limits.maxFiles} files may be uploaded at once (field "${headers.name}")`, {
          field: headers.name,
          limit: limits.maxFiles,
        })
      if (!isFile && ++fields > (limits.maxFields ?? 20))
        throw tooLarge(`Too many form fields (field "${headers.name}")`, { field: headers.name })
      const limit = isFile ? limits.maxFileSize : (limits.maxFieldSize ?? 65536)
      const withCrlf = await readUntilDelimiter(limit + 2, () =>
        tooLarge(
          isFile
            ? `File "${headers.filename}" in field "${headers.name}" exceeds the limit of ${limit} bytes`
            : `Field "${headers.name}" exceeds the limit of ${limit} bytes`,
          { field: headers.name, limit },
        ),
      )
      yield { ...headers, data: withCrlf.subarray(2) }
    }
  } finally {
    // Stop the upload as soon as we are done with it, whether it ended, failed or was abandoned.
    if (!ended) await reader.cancel().catch(() => {})
  }
}
