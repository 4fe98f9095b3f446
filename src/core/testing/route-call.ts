import type * as v from 'valibot'
import type { Handler, HandlerSpec } from '../kernel/handler'
import type { AppRoute } from '../kernel/route'

type In<S, K extends string> = S extends { readonly [P in K]: infer X extends v.GenericSchema }
  ? v.InferInput<X>
  : never
type Field<S, K extends string, Required extends boolean> = [In<S, K>] extends [never]
  ? { readonly [P in K]?: never }
  : Required extends true
    ? { readonly [P in K]: In<S, K> }
    : { readonly [P in K]?: In<S, K> }

/** What a typed call sends: each input the handler's spec declares, in the schema's input shape. */
export type CallInput<S extends HandlerSpec> = Field<S, 'params', true> &
  Field<S, 'body', true> &
  Field<S, 'query', false> &
  Field<S, 'headers', false> &
  Field<S, 'cookies', false>

/** A typed call's answer: `data` is the success body in the response schema's output shape. */
export interface CallResult<S extends HandlerSpec> {
  readonly status: number
  readonly headers: Headers
  readonly response: Response
  /**
   * The parsed body of a 2xx answer, typed by the response schema. Read on any other answer it throws, naming the
   * status and the problem, so a test reads `data.id` without a guard and fails clearly when the call failed.
   */
  readonly data: S extends { readonly response: infer R extends v.GenericSchema } ? v.InferOutput<R> : unknown
  /** The parsed body of an `application/problem+json` answer. */
  readonly problem: { status: number; title: string; detail?: string; errors?: unknown[] } | undefined
}

/** The route a handler was registered as; a handler registered twice needs its full path. */
export function routeOf<S extends HandlerSpec, E>(routes: readonly AppRoute[], handler: Handler<S, E>, path?: string) {
  const found = routes.filter((r) => r.handler === (handler as unknown) && (path === undefined || r.path === path))
  if (found.length === 1) return found[0] as AppRoute
  const at = found.map((r) => r.path).join(', ')
  throw new Error(
    found.length === 0
      ? `${handler.method} ${handler.path} is not a route of this app${path ? ` at ${path}` : ''}`
      : `${handler.method} ${handler.path} is registered at ${at}: pass { path } to pick one`,
  )
}

const entries = (value: unknown): [string, string][] =>
  Object.entries((value ?? {}) as Record<string, unknown>).flatMap(([k, v]) =>
    v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, String(x)] as [string, string]) : [[k, String(v)]],
  )

/** Builds the request a typed call sends: path parameters encoded into the pattern, the body by its type. */
export function requestFor(route: AppRoute, input: Record<string, unknown>, base: string, extra?: HeadersInit) {
  const params = (input.params ?? {}) as Record<string, unknown>
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${route.method} ${route.path}: params.${name} is required`)
    return encodeURIComponent(String(params[name]))
  })
  const url = new URL(path, base)
  for (const [k, v] of entries(input.query)) url.searchParams.append(k, v)
  const headers = new Headers(extra)
  for (const [k, v] of entries(input.headers)) headers.set(k, v)
  const cookies = entries(input.cookies).map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
  if (cookies.length) headers.set('cookie', cookies.join('; '))
  let body: BodyInit | undefined
  if (input.body !== undefined) {
    const type = route.spec.bodyType ?? 'json'
    if (type === 'form') body = new URLSearchParams(entries(input.body))
    else if (type === 'text') body = String(input.body)
    else {
      body = JSON.stringify(input.body)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
  }
  return new Request(url, { method: route.method, headers, body })
}
