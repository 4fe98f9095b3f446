import * as v from 'valibot'
import { DEFAULT_BODY_LIMIT } from './body'
import type { RequestContext } from './context'

import { ValidationError } from './errors'
import { compileInputs } from './inputs'
import type { ExceptionHandler, ExceptionHandlerEntry } from './layers'
import { appliesTo, type Middleware } from './middleware'
import { asHttpError, problemResponse } from './problem'
import type { Context } from './request-context'
import type { Extension, ResolvedRoute } from './route'

type Run = (ctx: Context) => Promise<Response>
/** Reports an error that became a 5xx; the app's logger. */
export type ErrorReporter = (error: unknown, ctx: RequestContext) => void

/** Finds the exception handler for an error: by status first, then by class, nearest first. */
export function exceptionHandlerFor(entries: readonly ExceptionHandlerEntry[] = []) {
  const byStatus = new Map<number, ExceptionHandler>()
  const byClass: [abstract new (...args: never[]) => Error, ExceptionHandler][] = []
  for (const [key, fn] of entries) typeof key === 'number' ? byStatus.set(key, fn) : byClass.unshift([key, fn])
  const report = (error: unknown, ctx: RequestContext, onError: ErrorReporter): Promise<Response> | Response => {
    const http = asHttpError(error)
    const handler = byStatus.get(http.status) ?? byClass.find(([cls]) => error instanceof cls)?.[1]
    if (handler) return handler(error, ctx)
    if (http.status >= 500) onError(error, ctx)
    return problemResponse(http, ctx.path)
  }
  return report
}

/** Runs middleware outer to inner around `final`; whatever throws at any depth becomes a response there. */
export function compose(
  chain: readonly Middleware[],
  final: Run,
  onError: (e: unknown, ctx: Context) => Promise<Response> | Response,
): Run {
  const run = async (i: number, ctx: Context): Promise<Response> => {
    try {
      return i === chain.length ? await final(ctx) : await chain[i]!(ctx, () => run(i + 1, ctx))
    } catch (e) {
      return onError(e, ctx)
    }
  }
  return (ctx) => run(0, ctx)
}

const JSON_HEADERS = { 'content-type': 'application/json' }

/** Turns what a handler returned into a response, through the response schema. */
function serializer(route: ResolvedRoute): (result: unknown) => Response {
  const schema = route.spec.response
  const status = route.status
  return (result) => {
    if (result instanceof Response) return result
    if (status === 204 || status === 304 || (result === undefined && !schema))
      return new Response(null, { status: result === undefined && status === 200 ? 204 : status })
    if (!schema) {
      return typeof result === 'string'
        ? new Response(result, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
        : new Response(JSON.stringify(result), { status, headers: JSON_HEADERS })
    }
    const out = v.safeParse(schema, result)
    if (!out.success) {
      throw new Error(
        `Response of ${route.info.method} ${route.info.path} does not match its schema: ${v.summarize(out.issues)}`,
      )
    }
    return new Response(JSON.stringify(out.output), { status, headers: JSON_HEADERS })
  }
}

const applyHeaders = (res: Response, added: Headers | undefined, defaults: Readonly<Record<string, string>> = {}) => {
  if (added)
    for (const [name, value] of added)
      name === 'set-cookie' ? res.headers.append(name, value) : res.headers.set(name, value)
  for (const name in defaults) if (!res.headers.has(name)) res.headers.set(name, defaults[name]!)
}

const withHeaders = (
  response: Response,
  ctx: Context,
  defaults: Readonly<Record<string, string>> | undefined,
): Response => {
  const added = ctx.addedHeaders
  if (!added && !defaults) return response
  try {
    applyHeaders(response, added, defaults)
    return response
  } catch {
    // Responses from fetch() or a cache have immutable headers: the first set throws, so copy and retry.
    const copy = new Response(response.body, response)
    applyHeaders(copy, added, defaults)
    return copy
  }
}

/** Builds a route's whole pipeline once, at app construction: middleware, guards, extension stages, inputs, handler. */
export function compileRoute(route: ResolvedRoute, extensions: readonly Extension[], onError: ErrorReporter): Run {
  const { config, spec, handler, info } = route
  const readInputs = compileInputs(spec, config.bodyLimit ?? DEFAULT_BODY_LIMIT)
  const inject = Object.entries(spec.inject ?? {})
  const serialize = serializer(route)
  const fn = handler.fn as (ctx: Context) => unknown

  const guards = config.guards ?? []
  const chain: Middleware[] = (config.middleware ?? []).filter((mw) => appliesTo(mw, route.path))
  if (guards.length) {
    chain.push(async (ctx, next) => {
      for (const g of guards) await g(ctx, info)
      return next()
    })
  }
  for (const ext of extensions) {
    const stage = ext.stage?.(route)
    if (stage) chain.push(stage)
  }
  const handle = exceptionHandlerFor(config.exceptionHandlers)
  const defaults = config.responseHeaders
  // Without middleware, guards or stages, `final` is the whole route and adds the response headers itself.
  const bare = chain.length === 0
  // Errors are caught here, where they are thrown, rather than by compose one await later: a rejected
  // promise that only gets its handler on the next await costs more than serving the request.
  const final: Run = async (ctx) => {
    try {
      const read = readInputs(ctx)
      const inputs = read instanceof Promise ? await read : read
      if (inputs instanceof ValidationError) throw inputs
      ctx.params = inputs.params
      ctx.query = inputs.query
      ctx.headers = inputs.headers
      ctx.cookies = inputs.cookies
      ctx.body = inputs.body
      if (inject.length === 1) {
        // The common case: one dependency needs no Promise.all and no array of results.
        const [name, key] = inject[0]!
        const value = ctx.resolveNow(key)
        ;(ctx as unknown as Record<string, unknown>)[name] = value instanceof Promise ? await value : value
      } else if (inject.length) {
        const values = await Promise.all(inject.map(([, key]) => ctx.resolve(key)))
        for (let i = 0; i < inject.length; i++) (ctx as unknown as Record<string, unknown>)[inject[i]![0]] = values[i]
      }
      const result = fn(ctx)
      const response = serialize(result instanceof Promise ? await result : result)
      return bare ? withHeaders(response, ctx, defaults) : response
    } catch (e) {
      const response = await handle(e, ctx, onError)
      return bare ? withHeaders(response, ctx, defaults) : response
    }
  }

  // `final` answers its own errors, so a bare route needs no compose layer and no wrapper.
  if (bare) return final
  const run = compose(chain, final, (e, ctx) => handle(e, ctx, onError))
  return async (ctx) => withHeaders(await run(ctx), ctx, defaults)
}
