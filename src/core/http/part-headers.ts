import type { HttpError } from '../kernel/errors'
import { inputError } from '../kernel/input-error'

/** What a multipart part's headers say about it. */
export interface PartHeaders {
  /** The form field name. */
  readonly name: string
  /** The client's file name, as sent (unsanitized); undefined for a plain field. */
  readonly filename: string | undefined
  /** The declared media type; `text/plain` for fields that declare none (RFC 7578). */
  readonly contentType: string
}

/** A 400 for a multipart body that does not follow RFC 7578. */
export const malformed = (detail: string): HttpError =>
  inputError('body', '', `is not well-formed multipart: ${detail}`, `Malformed multipart body: ${detail}`)

/** Splits `form-data; name="a"; filename="b"` into its parameters, honouring quoted strings. */
function dispositionParams(value: string): Map<string, string> {
  const params = new Map<string, string>()
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g
  for (const m of value.matchAll(re)) {
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim()
    params.set(m[1]!.toLowerCase(), raw)
  }
  return params
}

/** Decodes an RFC 5987 `filename*` value (`UTF-8''na%C3%AFve.txt`); undefined when it cannot. */
function extValue(value: string | undefined): string | undefined {
  const m = value?.match(/^utf-8'[^']*'(.*)$/i)
  if (!m) return undefined
  try {
    return decodeURIComponent(m[1]!)
  } catch {
    return undefined
  }
}

// Browsers (and workerd's FormData) escape `"`, CR and LF in names as %22, %0D and %0A (WHATWG multipart).
const unescapeHtml = (name: string | undefined) =>
  name?.replace(/%(22|0D|0A)/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))

/** Parses the header block of one part; 400 when it has no usable `Content-Disposition: form-data`. */
export function parsePartHeaders(block: string): PartHeaders {
  let disposition: string | undefined
  let contentType: string | undefined
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) throw malformed('a part header has no name')
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (name === 'content-disposition') disposition = value
    else if (name === 'content-type') contentType = value
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition))
    throw malformed('a part lacks Content-Disposition: form-data')
  const params = dispositionParams(disposition)
  const name = params.get('name')
  if (name === undefined) throw malformed('a part has no field name')
  const filename = extValue(params.get('filename*')) ?? unescapeHtml(params.get('filename'))
  return {
    name,
    filename,
    contentType: contentType ?? (filename === undefined ? 'text/plain' : 'application/octet-stream'),
  }
}
