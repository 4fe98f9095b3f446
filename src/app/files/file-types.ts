import { HttpError } from '../../core'

type Sniff = (bytes: Uint8Array) => boolean

const startsWith =
  (...magic: (number | undefined)[]): Sniff =>
  (bytes) =>
    bytes.length >= magic.length && magic.every((b, i) => b === undefined || bytes[i] === b)
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
/** Text is valid UTF-8 without NUL or other control bytes than TAB, LF, FF and CR: no binary in disguise. */
const decodeText = (bytes: Uint8Array): string | undefined => {
  for (const b of bytes) if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) return undefined
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}
const isText: Sniff = (bytes) => decodeText(bytes) !== undefined
const isJson: Sniff = (bytes) => {
  const text = decodeText(bytes)
  if (text === undefined) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

interface FileType {
  /** The extension files of this type are stored under. */
  readonly ext: string
  readonly contentType: string
  /** What the content must look like: magic numbers, or text. */
  readonly sniff: Sniff
  readonly label: string
}

const png: FileType = {
  ext: 'png',
  contentType: 'image/png',
  label: 'PNG',
  sniff: startsWith(0x89, ...ascii('PNG\r\n\x1a\n')),
}
const jpeg: FileType = { ext: 'jpg', contentType: 'image/jpeg', label: 'JPEG', sniff: startsWith(0xff, 0xd8, 0xff) }
const gif87 = startsWith(...ascii('GIF87a'))
const gif89 = startsWith(...ascii('GIF89a'))
const riff = ascii('RIFF')
const webp = startsWith(...riff, undefined, undefined, undefined, undefined, ...ascii('WEBP'))

/** The allowlist: extension -> what the content must be. */
const TYPES: Readonly<Record<string, FileType>> = {
  png,
  jpg: jpeg,
  jpeg,
  gif: { ext: 'gif', contentType: 'image/gif', label: 'GIF', sniff: (b) => gif87(b) || gif89(b) },
  webp: { ext: 'webp', contentType: 'image/webp', label: 'WebP', sniff: webp },
  pdf: { ext: 'pdf', contentType: 'application/pdf', label: 'PDF', sniff: startsWith(...ascii('%PDF-')) },
  txt: { ext: 'txt', contentType: 'text/plain; charset=utf-8', label: 'UTF-8 text', sniff: isText },
  csv: { ext: 'csv', contentType: 'text/csv; charset=utf-8', label: 'UTF-8 text', sniff: isText },
  json: { ext: 'json', contentType: 'application/json', label: 'JSON', sniff: isJson },
}

/** Extensions an upload may have. */
export const ALLOWED_EXTENSIONS = Object.keys(TYPES)
/** Media types a download can be served as. */
export const SERVED_TYPES = [...new Set(Object.values(TYPES).map((t) => t.contentType))]
/** Extensions stored keys end with. */
export const STORED_EXTENSIONS = [...new Set(Object.values(TYPES).map((t) => t.ext))]

/**
 * The type of an uploaded file, decided by its extension AND its first bytes: a renamed executable is
 * refused (415) whatever the client declared; the client's Content-Type is never trusted.
 */
export function fileTypeOf(filename: string, bytes: Uint8Array, field: string, index: number): FileType {
  const dot = filename.lastIndexOf('.')
  const ext = dot > 0 ? filename.slice(dot + 1).toLowerCase() : ''
  const type = Object.hasOwn(TYPES, ext) ? TYPES[ext] : undefined
  const where = `File "${filename}" (field "${field}", file ${index + 1})`
  const refuse = (why: string) =>
    new HttpError(415, {
      detail: `${where} ${why}`,
      extensions: { field, index, filename, allowed: ALLOWED_EXTENSIONS },
    })
  if (!type) throw refuse(`has a type that is not allowed; allowed: ${ALLOWED_EXTENSIONS.join(', ')}`)
  if (!type.sniff(bytes)) throw refuse(`is named .${ext} but its content is not ${type.label}`)
  return type
}
