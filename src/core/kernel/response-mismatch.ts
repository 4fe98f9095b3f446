import * as v from 'valibot'
import type { RequestContext } from './context'
import { HttpError } from './errors'
import { problemResponse } from './problem'
import type { ResolvedRoute } from './route'
import { WRAPPERS } from './schema-wrappers'

/** A handler's result that fails its route's response schema: a bug in the handler, its schema, or the data. */
export class ResponseMismatch extends Error {
  override readonly name = 'ResponseMismatch'
}

/**
 * Where a request's response mismatch is reported besides the log: set by the testing kit for the requests it
 * sends, so a test fails loudly whatever the response said. Keyed by the Request, like the log sinks.
 */
export const responseChecks = new WeakMap<Request, (error: ResponseMismatch) => void>()

interface Node {
  readonly type: string
  readonly wrapped?: Node
  readonly item?: Node
  readonly items?: readonly Node[]
  readonly entries?: Readonly<Record<string, Node>>
  readonly value?: Node
  readonly options?: readonly unknown[]
}

/** The value with only what the schema names kept, recursively; values themselves are left unchecked. */
function strip(schema: Node, value: unknown): unknown {
  let s = schema
  while (WRAPPERS.has(s.type) && s.wrapped) s = s.wrapped
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    if (s.item) return value.map((x) => strip(s.item!, x))
    if (s.items) return s.items.map((item, i) => strip(item, value[i]))
    return value
  }
  const record = value as Record<string, unknown>
  if (s.entries) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(s.entries)) if (key in record) out[key] = strip(s.entries[key]!, record[key])
    return out
  }
  if (s.type === 'record' && s.value)
    return Object.fromEntries(Object.entries(record).map(([k, x]) => [k, strip(s.value!, x)]))
  if (s.options) {
    const options = s.options.filter((o): o is Node => typeof o === 'object' && o !== null)
    const fits = options.find((o) => v.is(o as unknown as v.GenericSchema, value))
    if (fits) return strip(fits, value)
    // No option fits: keep the keys any of them names, so a field no option declares still never leaves.
    const keys = new Set(options.flatMap((o) => Object.keys(o.entries ?? {})))
    return Object.fromEntries(Object.entries(record).filter(([k]) => keys.has(k)))
  }
  return s.type === 'any' || s.type === 'unknown' ? value : {}
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * What a route answers when its handler's result fails the response schema. A request that can have written
 * (POST, PUT, PATCH, DELETE) did its work: a 500 would tell the client it failed and invite a duplicate, so it gets
 * its success status and the result stripped to the fields the schema names (never an undeclared one), and the
 * mismatch is logged as an error. A read changed nothing: it throws, and answers 500 as any bug. Under the
 * testing kit, either way fails the test.
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
  if (SAFE.has(ctx.request.method)) throw error
  // Under the testing kit the test fails with the error itself: no log line besides it.
  if (!check) report(error, ctx)
  let body: string
  try {
    body = JSON.stringify(strip(route.spec.response as unknown as Node, result))
  } catch {
    // Not even a stripped body can be written: say plainly that the work was done.
    const detail = 'The request was carried out, but its answer could not be formed: do not repeat it'
    return problemResponse(new HttpError(500, { detail }), ctx.path)
  }
  return new Response(body, { status: route.status, headers: { 'content-type': 'application/json' } })
}
