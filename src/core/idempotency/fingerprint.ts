import { canonicalJson } from '../http/canonical-json'
import { sha256Hex } from '../kernel/bounded-key'
import type { RequestContext } from '../kernel/context'

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
  const body = bodyRead ? ctx.body : { length: ctx.request.headers.get('content-length') }
  return sha256Hex(canonicalJson([method, path, ctx.params, ctx.query, body]))
}
