/** Encodings a stored body may already carry. */
export type StoredEncoding = 'gzip' | 'deflate'

/**
 * Whether an Accept-Encoding header admits the encoding (q=0 refuses it; `*` admits what is not named).
 * @example acceptsEncoding('br, gzip;q=0.8', 'gzip') // true
 */
export function acceptsEncoding(header: string | null, encoding: string): boolean {
  if (!header) return false
  let wildcard = false
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const allowed = q === undefined || Number(q.slice(2)) > 0
    if (name === encoding) return allowed
    if (name === '*') wildcard = allowed
  }
  return wildcard
}

/**
 * A response for a body that is already compressed (an R2 object stored gzipped, a cached compressed body).
 * The Worker never compresses on its own (Cloudflare's edge does that for free, see docs/operations.md);
 * this only avoids decompressing and recompressing: bytes go out as-is with `encodeBody: 'manual'` to a
 * client that accepts the encoding, and are decompressed for one that does not.
 * @example return precompressed(request, object.body, 'gzip', { headers: { 'content-type': 'application/json' } })
 */
export function precompressed(
  request: Request,
  body: ReadableStream<Uint8Array> | ArrayBuffer | Uint8Array,
  encoding: StoredEncoding,
  init: ResponseInit = {},
): Response {
  const headers = new Headers(init.headers)
  headers.append('vary', 'Accept-Encoding')
  headers.delete('content-length')
  if (acceptsEncoding(request.headers.get('accept-encoding'), encoding)) {
    headers.set('content-encoding', encoding)
    return new Response(body, { ...init, headers, encodeBody: 'manual' })
  }
  headers.delete('content-encoding')
  const stream = body instanceof ReadableStream ? body : new Response(body).body!
  return new Response(stream.pipeThrough(new DecompressionStream(encoding)), { ...init, headers })
}
