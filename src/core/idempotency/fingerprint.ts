import { sha256Hex } from '../kernel/bounded-key'
import type { RequestContext } from '../kernel/context'

/** One spelling per value: object keys sorted, files by name, type and size, dates as ISO text. */
const canonical = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(canonical)
  if (value instanceof Date) return value.toISOString()
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    const name = typeof File !== 'undefined' && value instanceof File ? value.name : ''
    return { blob: [name, value.type, value.size] }
  }
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key]
    if (v !== undefined) out[key] = canonical(v)
  }
  return out
}

/**
 * What makes two requests the same request: the method, the route, and the validated path parameters, query and
 * body in one canonical form, so `{"a":1,"b":2}` and `{ "b": 2, "a": 1 }` are one request. A body the kernel does
 * not read (a streamed upload, `readBody: false`) counts by its declared length: its bytes are the handler's to
 * read once, and a client re-sending one form may change its multipart boundary but not the boundary's length.
 * @example await requestFingerprint(ctx, 'POST', '/posts/:postId/comments', true)
 */
export async function requestFingerprint(
  ctx: RequestContext,
  method: string,
  path: string,
  bodyRead: boolean,
): Promise<string> {
  const body = bodyRead ? canonical(ctx.body) : { length: ctx.request.headers.get('content-length') }
  return sha256Hex(JSON.stringify([method, path, canonical(ctx.params), canonical(ctx.query), body]))
}
