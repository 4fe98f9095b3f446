// RFC 5987 attr-char: what may stand unencoded in `filename*`.
const encodeExt = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * A `Content-Disposition` header value (RFC 6266): an ASCII `filename` fallback for old clients, and
 * `filename*` with the UTF-8 name when it is not plain ASCII.
 * @example contentDisposition('Grüße.pdf') // attachment; filename="Gr__e.pdf"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.pdf
 */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const header = `${type}; filename="${ascii}"`
  return ascii === filename ? header : `${header}; filename*=UTF-8''${encodeExt(filename)}`
}
