import * as v from 'valibot'
import type { RequestContext } from './context'
import { HttpError } from './errors'
import { problemResponse } from './problem'
import type { ResolvedRoute } from './route'
import { WRAPPERS } from './schema-wrappers'

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

/**
 * A write's answer when its result failed the response schema after the work was done: its success status and the
 * result stripped to the fields the schema names (never an undeclared one). Given to write handlers by `post`,
 * `put`, `patch` and `del`, so an app that only reads bundles none of it.
 */
export function committedResponse(route: ResolvedRoute, result: unknown, ctx: RequestContext): Response {
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
