import { concatBytes } from './bytes'
import { HttpError } from './errors'
import type { BodyType } from './handler'
import { inputError } from './input-error'
import { parseMediaType } from './media-type'
import { unreadableBody } from './unreadable-body'

/** The default request body limit: 1 MB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024

const tooLarge = (limit: number) =>
  new HttpError(413, { detail: `Request body exceeds the limit of ${limit} bytes`, extensions: { limit } })

/**
 * Reads a request body up to `limit` bytes: refused from Content-Length when it says too much, otherwise
 * while reading, so an oversized body is never buffered whole. A stream that fails mid-way is a 400.
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit)
  if (!request.body) return undefined
  if (declared !== null) {
    // The declared length is within the limit and HTTP framing holds the body to it: read it in one call,
    // which costs far less than pulling chunks through a reader.
    // A body already consumed is a bug of ours, not the client's fault: keep it a 500.
    if (request.bodyUsed) throw new TypeError('The request body was already read')
    const buffer = await request.arrayBuffer().catch((e: unknown) => {
      throw unreadableBody(e)
    })
    const bytes = new Uint8Array(buffer)
    if (bytes.byteLength > limit) throw tooLarge(limit)
    return bytes
  }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read().catch((e: unknown) => {
      throw unreadableBody(e)
    })
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return chunks.length === 0 ? new Uint8Array(0) : concatBytes(chunks, size)
}

const accepted: Record<BodyType, (mediaType: string) => boolean> = {
  json: (t) => t === 'application/json' || t.endsWith('+json'),
  form: (t) => t === 'application/x-www-form-urlencoded' || t === 'multipart/form-data',
  text: (t) => t.startsWith('text/'),
}
const expected: Record<BodyType, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded or multipart/form-data',
  text: 'text/plain',
}

const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
const decode = (bytes: Uint8Array): string => {
  try {
    return decoder.decode(bytes)
  } catch {
    throw inputError('body', '', 'is not valid UTF-8', 'Request body is not valid UTF-8')
  }
}

/** The parsed body: JSON value, FormData entries, or text; undefined when the body is empty. */
export type ParsedBody = { kind: 'value'; value: unknown } | { kind: 'form'; entries: [string, unknown][] } | undefined

/** Reads and parses a body of the declared type; 415 on the wrong media type, 400 on malformed content. */
export async function parseBody(request: Request, type: BodyType, limit: number): Promise<ParsedBody> {
  const bytes = await readLimited(request, limit)
  if (!bytes || bytes.byteLength === 0) return undefined
  const contentType = request.headers.get('content-type') ?? ''
  // The one reading of the media type: case-insensitive per RFC 9110, parameters parsed, so every consumer of
  // the body sees what this parser decided.
  const media = parseMediaType(contentType)
  if (!media || !accepted[type](media.essence)) {
    throw new HttpError(415, {
      detail: `Expected a body of type ${expected[type]}, got ${media?.essence || (contentType ? 'a malformed Content-Type' : 'no Content-Type')}`,
      headers: { accept: expected[type].replace(' or ', ', ') },
    })
  }
  const charset = media.params.get('charset')
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new HttpError(415, {
      detail: `The body's charset ${charset} is not supported: send UTF-8`,
      headers: { accept: `${expected[type].split(' or ')[0]}; charset=utf-8` },
    })
  }
  if (type === 'form') {
    try {
      const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData()
      return { kind: 'form', entries: [...form.entries()] }
    } catch {
      throw inputError('body', '', 'is not a well-formed form', 'Malformed form body')
    }
  }
  const text = decode(bytes)
  if (type === 'text') return { kind: 'value', value: text }
  try {
    return { kind: 'value', value: JSON.parse(text) }
  } catch (e) {
    const reason = (e as Error).message
    throw inputError('body', '', `is not valid JSON: ${reason}`, `Malformed JSON body: ${reason}`)
  }
}
