import * as v from 'valibot'
import type { RequestContext } from './context'
import type { ResolvedRoute } from './route'

/** A handler's result that fails its route's response schema: a bug in the handler, its schema, or the data. */
export class ResponseMismatch extends Error {
  override readonly name = 'ResponseMismatch'
}

/**
 * Where a request's response mismatch is reported besides the log: set by the testing kit for the requests it
 * sends, so a test fails loudly whatever the response said. Keyed by the Request, like the log sinks.
 */
export const responseChecks = new WeakMap<Request, (error: ResponseMismatch) => void>()

/**
 * What a route answers when its handler's result fails the response schema. A request that can have written
 * (POST, PUT, PATCH, DELETE) did its work: a 500 would tell the client it failed and invite a duplicate, so its
 * handler's `committed` (given by `post`, `put`, `patch` and `del`) answers its success status with the result
 * stripped to the fields the schema names, and the mismatch is logged as an error. A read changed nothing: it
 * throws, and answers 500 as any bug. Under the testing kit, either way fails the test.
 */
export function mismatchedResponse(
  route: ResolvedRoute,
  result: unknown,
  issues: readonly v.BaseIssue<unknown>[],
  ctx: RequestContext,
  report: (error: unknown, ctx: RequestContext) => void,
): Response {
  const error = new ResponseMismatch(
    `Response of ${route.info.method} ${route.info.path} does not match its schema: ${v.summarize(issues as [v.BaseIssue<unknown>])}`,
  )
  const check = responseChecks.get(ctx.request)
  check?.(error)
  const committed = route.handler.committed
  if (!committed) throw error
  // Under the testing kit the test fails with the error itself: no log line besides it.
  if (!check) report(error, ctx)
  return committed(route, result, ctx)
}
