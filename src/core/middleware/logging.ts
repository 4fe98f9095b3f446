import type { RequestContext } from '../kernel/context'
import { type Middleware, middleware } from '../kernel/middleware'
import { requestIdOf } from '../kernel/request-id'
import { logSinks } from './log-sink'
import { maskHeaders, maskQuery } from './mask'

/** One structured log line per request. */
export interface RequestLogLine {
  readonly level: 'info' | 'warn' | 'error'
  readonly msg: 'request'
  readonly requestId: string | undefined
  readonly method: string
  /** The matched route pattern (`/users/:id`), or undefined for 404/405 answers. */
  readonly route: string | undefined
  readonly path: string
  readonly query: string | undefined
  readonly status: number
  /** Milliseconds; Workers clocks advance only across I/O, so this is I/O wait, not CPU time. */
  readonly durationMs: number
  readonly userId: unknown
  readonly headers: Record<string, string>
}

/** Options of the request logger. */
export interface RequestLoggerOptions {
  /**
   * Where lines go; defaults to one JSON line on console.log, which Workers Logs indexes. Even a 5xx line stays
   * off console.error: that is where unexpected errors (bugs) are reported, and a deliberate 503 is not one.
   */
  readonly write?: (line: RequestLogLine) => void
  /** The caller's user id, when known; defaults to what `logUserId(ctx, id)` recorded. */
  readonly userId?: (ctx: RequestContext) => unknown
}

const USER_KEY = 'userId'

/**
 * Records who the caller is for this request's log line; auth code calls it once it knows.
 * @example provide(CurrentUser, async (ctx) => { const user = await verify(ctx); if (user) logUserId(ctx, user.id); return user })
 */
export const logUserId = (ctx: RequestContext, id: string | number): void => {
  ctx.state.set(USER_KEY, id)
}

const defaultWrite = (line: RequestLogLine) => console.log(JSON.stringify(line))

/**
 * Writes one JSON line per request: method, route pattern, status, duration, user and request id, with
 * Authorization, cookies and API keys masked in the headers and query. Put it after `requestId()`.
 * @example createApp({ middleware: [requestId(), requestLogger()], handlers })
 */
export function requestLogger(options: RequestLoggerOptions = {}): Middleware {
  const write = options.write ?? defaultWrite
  const userId = options.userId ?? ((ctx: RequestContext) => ctx.state.get(USER_KEY))
  return middleware({ name: 'requestLogger' }, async function requestLogger(ctx, next) {
    const start = Date.now()
    const response = await next()
    const status = response.status
    const line: RequestLogLine = {
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      msg: 'request',
      requestId: requestIdOf(ctx),
      method: ctx.request.method,
      route: ctx.route?.path,
      path: ctx.path,
      query: maskQuery(ctx.url),
      status,
      durationMs: Date.now() - start,
      userId: userId(ctx),
      headers: maskHeaders(ctx.request.headers),
    }
    // An explicit `write` is the app's choice; the default console line gives way to a test client's sink.
    const sink = options.write ? undefined : logSinks.get(ctx.request)
    if (sink) sink(line)
    else write(line)
    return response
  })
}
