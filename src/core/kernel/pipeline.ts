import { DEFAULT_BODY_LIMIT } from './body'
import type { RequestContext } from './context'
import { handlesError, validationProblem } from './direct-problem'
import { editHeaders } from './edit-headers'
import { type FieldProblem, type HttpError, ValidationError } from './errors'
import type { Responder } from './handler'
import type { Inputs } from './inputs'
import type { Instrument, WrapPart } from './instrument'
import type { ExceptionHandler, ExceptionHandlerEntry } from './layers'
import { appliesTo, type Middleware } from './middleware'
import { asHttpError, problemResponse } from './problem'
import type { Context } from './request-context'
import type { AppRoute, ResolvedRoute } from './route'
import { plainParams } from './segments'
import { STAGE_ORDER } from './stage'
import type { Validator } from './validator'

type Run = (ctx: Context) => Promise<Response>
/** Reports an error that became a 5xx; the app's logger. */
export type ErrorReporter = (error: unknown, ctx: RequestContext) => void

type Report = (error: unknown, ctx: RequestContext, onError: ErrorReporter) => Promise<Response> | Response

/** Without exception handlers every error is its problem: one function shared by all such routes. */
const reportPlain = (error: unknown, ctx: RequestContext, onError: ErrorReporter): Response => {
  const http = asHttpError(error)
  if (http.status >= 500) onError(error, ctx)
  return problemResponse(http, ctx.path)
}

/** Finds the exception handler for an error: by status first, then by class, nearest first. */
export function exceptionHandlerFor(entries: readonly ExceptionHandlerEntry[] = []): Report {
  if (!entries.length) return reportPlain
  const byStatus = new Map<number, ExceptionHandler>()
  const byClass: [abstract new (...args: never[]) => Error, ExceptionHandler][] = []
  for (const [key, fn] of entries) typeof key === 'number' ? byStatus.set(key, fn) : byClass.unshift([key, fn])
  return (error, ctx, onError) => {
    const handler = byStatus.get(asHttpError(error).status) ?? byClass.find(([cls]) => error instanceof cls)?.[1]
    return handler ? handler(error, ctx) : reportPlain(error, ctx, onError)
  }
}

/**
 * `next` for one middleware call: a second call is a bug that would run the rest of the route (the handler
 * included) again, so it throws instead, naming the middleware.
 */
const once = (mw: Middleware, next: () => Promise<Response>): (() => Promise<Response>) => {
  let called = false
  return () => {
    if (called) throw new Error(`Middleware ${mw.meta?.name ?? mw.name} called next() twice`)
    called = true
    return next()
  }
}

type Fail = (e: unknown, ctx: Context) => Promise<Response> | Response

/** One middleware around `next`: whatever it throws (or `next` rejects with) becomes a response here. */
const around =
  (fail: Fail) =>
  (next: Run, mw: Middleware): Run =>
  async (ctx) => {
    try {
      return await mw(
        ctx,
        once(mw, () => next(ctx)),
      )
    } catch (e) {
      return fail(e, ctx)
    }
  }

/** Runs middleware outer to inner around `final`; whatever throws at any depth becomes a response there. */
export function compose(chain: readonly Middleware[], final: Run, onError: Fail): Run {
  const last: Run = async (ctx) => {
    try {
      return await final(ctx)
    } catch (e) {
      return onError(e, ctx)
    }
  }
  return chain.reduceRight(around(onError), last)
}

/** The headers of a JSON answer, shared by every route and the validator's response check. */
export const JSON_HEADERS = { 'content-type': 'application/json' }

/** A result as its response without a schema: a Response as it is (a 101 upgrade too), text, JSON or no body. */
const plain = (result: unknown, status: number): Response =>
  result instanceof Response
    ? result
    : status === 204 || status === 304 || result === undefined
      ? new Response(null, { status: result === undefined && status === 200 ? 204 : status })
      : typeof result === 'string'
        ? new Response(result, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
        : new Response(JSON.stringify(result), { status, headers: JSON_HEADERS })

/** Turns what a handler returned into a response, through the response schema when the route has one. */
function serializer(
  route: ResolvedRoute,
  onError: ErrorReporter,
  validator: Validator | undefined,
): (result: unknown, ctx: Context) => Response {
  const status = route.status
  // A route with a response schema is built only when the validation plugin is registered.
  const check = route.spec.response && validator?.response(route, onError)
  if (!check) return (result) => plain(result, status)
  return (result, ctx) =>
    result instanceof Response
      ? result
      : status === 204 || status === 304
        ? new Response(null, { status })
        : check(result, ctx)
}

const applyHeaders = (
  headers: Headers,
  added: Headers | undefined,
  defaults: Readonly<Record<string, string>> = {},
) => {
  if (added)
    for (const [name, value] of added) name === 'set-cookie' ? headers.append(name, value) : headers.set(name, value)
  for (const name in defaults) if (!headers.has(name)) headers.set(name, defaults[name]!)
}

const withHeaders = (
  response: Response,
  ctx: Context,
  defaults: Readonly<Record<string, string>> | undefined,
): Response => {
  const added = ctx.addedHeaders
  if (!added && !defaults) return response
  return editHeaders(response, (headers) => applyHeaders(headers, added, defaults))
}

/** What a kernel step refuses a request with: an error, or the input problems a 400 lists. */
type Refusal = HttpError | FieldProblem[]
/** A kernel step: sets what it parsed on the context, or answers with the refusal it returns (or throws). */
type Step = (ctx: Context) => Refusal | undefined | Promise<Refusal | undefined>
/** A route's pipeline before it is folded: kernel steps and wrapping stages, outermost first. */
type Link = { readonly step: Step } | { readonly wrap: Middleware }

const EMPTY_DEPS: Readonly<Record<string, unknown>> = /* @__PURE__ */ Object.freeze(Object.create(null))

/** Runs steps in order; the first refusal one returns (or throws) is the answer. Synchronous until a step is not. */
function runSteps(steps: readonly Step[], ctx: Context, from = 0): Refusal | undefined | Promise<Refusal | undefined> {
  for (let i = from; i < steps.length; i++) {
    const r = steps[i]!(ctx)
    if (r instanceof Promise) return r.then((error) => error ?? runSteps(steps, ctx, i + 1))
    if (r) return r
  }
  return undefined
}

/** Whether a route reads a query, headers, cookies or a body: only when a validator checks them. */
const readsInputs = ({ spec }: AppRoute, validator?: Validator) =>
  !!(validator && (spec.query || spec.headers || spec.cookies || (spec.body && spec.readBody !== false)))

/** The headers every response of the route carries: the layers' defaults, and a deprecated route's. */
const defaultsOf = ({ config, deprecation }: AppRoute) =>
  deprecation?.headers ? { ...config.responseHeaders, ...deprecation.headers } : config.responseHeaders

/**
 * Compiles the route's pipeline when it is first requested: from the little a bare route needs (no middleware,
 * stage, guard, exception handler, injection, responder or schema to check, not instrumented: a health check, a
 * hello), or from the whole of `compileRoute`. The first request of an isolate compiles one of them.
 */
export const compileFor = (
  route: AppRoute,
  onError: ErrorReporter,
  instrument?: Instrument,
  validator?: Validator,
): Run => {
  const { spec, config } = route
  return instrument ||
    route.stages.length ||
    config.middleware?.length ||
    config.guards?.length ||
    config.exceptionHandlers?.length ||
    spec.inject ||
    spec.respond ||
    (validator && (spec.params || spec.response)) ||
    readsInputs(route, validator)
    ? compileRoute(route, onError, instrument, validator)
    : compileBare(route, onError)
}

/** What `compileRoute` makes of a bare route, from less code: decoded params, the handler, its answer. */
function compileBare(route: AppRoute, onError: ErrorReporter): Run {
  const fn = route.handler.fn as (ctx: Context) => unknown
  const { status } = route
  const defaults = defaultsOf(route)
  return async (ctx) => {
    let response: Response
    try {
      const params = plainParams(ctx)
      if (Array.isArray(params)) response = validationProblem(params, ctx.path)
      else {
        ctx.params = params.value
        ctx.deps = EMPTY_DEPS
        const result = fn(ctx)
        response = plain(result instanceof Promise ? await result : result, status)
      }
    } catch (e) {
      response = reportPlain(e, ctx, onError)
    }
    return withHeaders(response, ctx, defaults)
  }
}

/** Without an instrument every part runs as it is. */
const keep: WrapPart = (_kind, _name, part) => part

/**
 * Builds a route's whole pipeline once, at app construction, in the order of `STAGE_ORDER`: the layers'
 * middleware, `client` stages, path parameters decoded and validated, guards, `guarded` stages, query, headers,
 * cookies and body parsed once and validated, `validated` stages, `handler` stages, the handler and its response
 * serialization. Kernel steps next to each other run in one function; a throw at any depth becomes a response
 * there.
 */
export function compileRoute(
  route: AppRoute,
  onError: ErrorReporter,
  instrument?: Instrument,
  validator?: Validator,
): Run {
  const { config, spec, info, handler } = route
  const wrap: WrapPart = instrument ?? keep
  const name = `${info.method} ${info.path}`
  // A route with schemas was built only with the validation plugin registered (`createApp` refuses it otherwise).
  const readParams = spec.params && validator ? validator.params(spec) : plainParams
  // A route that declares no query, headers, cookies or body has nothing to parse: its inputs stay undefined.
  const reads = readsInputs(route, validator)
  // Only a route that reads inputs (so has a validator) has the step that calls it.
  const readInputs = reads
    ? validator!.inputs(spec, config.bodyLimit ?? DEFAULT_BODY_LIMIT, handler.parseBody)
    : undefined
  const inject = Object.entries(spec.inject ?? {})
  const serialize = spec.respond ? (spec.respond as Responder<unknown>)(route) : serializer(route, onError, validator)
  const fn = wrap('handler', name, handler.fn as (ctx: Context) => unknown)
  const handle = exceptionHandlerFor(config.exceptionHandlers)
  const fail = (e: unknown, ctx: Context) => handle(e, ctx, onError)
  // Input problems become their 400 directly unless an exception handler could want the ValidationError.
  const direct = !config.exceptionHandlers?.length || !handlesError(config.exceptionHandlers, new ValidationError([]))
  const refuse = (r: Refusal, ctx: Context) =>
    Array.isArray(r) ? (direct ? validationProblem(r, ctx.path) : fail(new ValidationError(r), ctx)) : fail(r, ctx)
  const guards = (config.guards ?? []).map((g) => wrap('guard', g.meta?.name ?? g.name, g))

  const params: Step = (ctx) => {
    const result = readParams(ctx)
    if (Array.isArray(result)) return result
    ctx.params = result.value
    return undefined
  }
  const guarded: Step = async (ctx) => {
    for (const g of guards) await g(ctx, info)
    return undefined
  }
  const assign = (ctx: Context, inputs: Inputs | FieldProblem[]) => {
    if (Array.isArray(inputs)) return inputs
    ctx.query = inputs.query
    ctx.headers = inputs.headers
    ctx.cookies = inputs.cookies
    ctx.body = inputs.body
    return undefined
  }
  const inputs: Step = (ctx) => {
    const read = readInputs!(ctx)
    return read instanceof Promise ? read.then((r) => assign(ctx, r)) : assign(ctx, read)
  }

  const links: Link[] = []
  for (const at of STAGE_ORDER) {
    if (at === 'middleware')
      for (const mw of config.middleware ?? [])
        appliesTo(mw, route.path) && links.push({ wrap: wrap('middleware', mw.meta?.name ?? mw.name, mw) })
    else if (at === 'params') links.push({ step: params })
    else if (at === 'guards') guards.length && links.push({ step: guarded })
    else if (at === 'inputs') reads && links.push({ step: inputs })
    else
      for (const stage of route.stages) if (stage.at === at) links.push({ wrap: wrap('stage', stage.name, stage.run) })
  }

  // A deprecated route's headers join the layers' defaults: every response says it, errors included.
  const defaults = defaultsOf(route)
  const bare = !links.some((l) => 'wrap' in l)
  // The handler, with the kernel steps that come right before it, in one function. Errors are answered where
  // they are thrown: a rejected promise that only gets its handler on the next await costs more than the request.
  const terminal = (steps: readonly Step[]): Run => {
    const finish = bare ? (response: Response, ctx: Context) => withHeaders(response, ctx, defaults) : undefined
    return async (ctx) => {
      let response: Response
      try {
        const ran = steps.length ? runSteps(steps, ctx) : undefined
        const error = ran instanceof Promise ? await ran : ran
        if (error) {
          const refused = refuse(error, ctx)
          response = refused instanceof Promise ? await refused : refused
        } else {
          if (inject.length === 1) {
            // The common case: one dependency needs no Promise.all and no array of results.
            const [name, key] = inject[0]!
            const value = ctx.resolveNow(key)
            ctx.deps = { [name]: value instanceof Promise ? await value : value }
          } else if (inject.length) {
            const values = await Promise.all(inject.map(([, key]) => ctx.resolve(key)))
            const deps: Record<string, unknown> = Object.create(null)
            for (let i = 0; i < inject.length; i++) deps[inject[i]![0]] = values[i]
            ctx.deps = deps
          } else ctx.deps = EMPTY_DEPS
          const result = fn(ctx)
          response = serialize(result instanceof Promise ? await result : result, ctx)
        }
      } catch (e) {
        response = await fail(e, ctx)
      }
      return finish ? finish(response, ctx) : response
    }
  }
  const before = (steps: readonly Step[], next: Run): Run =>
    steps.length === 0
      ? next
      : async (ctx) => {
          try {
            const ran = runSteps(steps, ctx)
            const error = ran instanceof Promise ? await ran : ran
            if (error) return refuse(error, ctx)
          } catch (e) {
            return fail(e, ctx)
          }
          return next(ctx)
        }
  const wrapIn = around(fail)

  // Fold from the inside out: trailing steps join the handler; every wrap takes the steps just inside it.
  let pending: Step[] = []
  let run: Run | undefined
  for (let i = links.length - 1; i >= 0; i--) {
    const link = links[i]!
    if ('step' in link) {
      pending.unshift(link.step)
      continue
    }
    run = run ? before(pending, run) : terminal(pending)
    pending = []
    run = wrapIn(run, link.wrap)
  }
  const whole = run ? before(pending, run) : terminal(pending)
  const compiled: Run = bare ? whole : async (ctx) => withHeaders(await whole(ctx), ctx, defaults)
  return wrap('request', name, compiled)
}
