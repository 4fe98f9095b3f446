import { editHeaders } from '../kernel/edit-headers'
import { type Middleware, middleware } from '../kernel/middleware'
import { REQUEST_ID } from '../kernel/request-id'

export { requestIdOf } from '../kernel/request-id'

/**
 * Gives each request an id (Cloudflare's `CF-Ray` when present, otherwise a random UUID), keeps it for
 * logs and errors, and echoes it as `X-Request-Id`. A client-sent X-Request-Id is not trusted: it would let
 * callers forge or collide ids in the logs.
 * @example createApp({ middleware: [requestId(), requestLogger()], handlers })
 */
export function requestId(): Middleware {
  return middleware({ name: 'requestId' }, async function requestId(ctx, next) {
    const id = ctx.request.headers.get('cf-ray') ?? crypto.randomUUID()
    ctx.state.set(REQUEST_ID, id)
    const response = await next()
    return editHeaders(response, (h) => h.set('x-request-id', id))
  })
}
