import type * as v from 'valibot'
import { parseBody } from './body'
import type { CallbackDoc } from './callback'
import { committedResponse } from './committed-response'
import type { RequestContext } from './context'
import type { Injections, Resolved } from './di'
import type { LayerConfig } from './layers'
import type { ExposesPrivate } from './private-views'
import type { ResolvedRoute } from './route'

type Schema = v.GenericSchema
/** HTTP methods a handler can serve; HEAD and OPTIONS are answered by the app. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** How the request body is read: JSON, a urlencoded or multipart form, raw text, or not at all. */
export type BodyType = 'json' | 'form' | 'text'

/** An extra documented response, e.g. 304 or 206. */
export interface ResponseDoc {
  readonly description: string
  readonly schema?: Schema
  /** One media type, or several the same schema is served as. */
  readonly contentType?: string | readonly string[]
  readonly headers?: Readonly<Record<string, { description: string; schema?: Schema }>>
  /** The body this status answers with, when the schema's own example (its first) would misread it. */
  readonly example?: unknown
}

/** A handler's spec: its input and output schemas, injections, documentation and layer options. */
export interface HandlerSpec extends Omit<LayerConfig, 'path' | 'params'> {
  readonly params?: Schema
  readonly query?: Schema
  /** Header names in lower case. */
  readonly headers?: Schema
  readonly cookies?: Schema
  readonly body?: Schema
  readonly bodyType?: BodyType
  /**
   * `false`: `body` only documents the request (and its 400/413/415 answers); the core does not read it and
   * the handler reads `request.body` itself, e.g. to stream a multipart upload with per-part limits.
   */
  readonly readBody?: boolean
  readonly response?: Schema
  /** Media type(s) of the success response when it is not JSON (the handler then returns a Response). */
  readonly responseType?: string | readonly string[]
  readonly inject?: Injections
  /** Success status; defaults to 201 for POST, 204 for DELETE, 200 otherwise. */
  readonly status?: number
  readonly summary?: string
  readonly description?: string
  readonly operationId?: string
  /** Error statuses the handler itself throws (404, 409, 412, ...), documented as problems. */
  readonly errors?: readonly number[]
  /** Further documented responses by status. */
  readonly responses?: Readonly<Record<number, ResponseDoc>>
  /** Requests the API sends back to the caller after this operation, by name (OpenAPI `callbacks`). */
  readonly callbacks?: Readonly<Record<string, CallbackDoc>>
  /** Headers of the success response, documented. */
  readonly successHeaders?: Readonly<Record<string, { description: string; schema?: Schema }>>
  /**
   * Turns what the handler returned into the response, made once per route (a plugin's, e.g. `sse()`'s); by
   * default the result goes through the `response` schema as JSON. What it accepts types the handler's result.
   */
  readonly respond?: Responder<never>
  /**
   * A reviewed exception to privacy by construction: personal fields (`markPrivate`) this route returns without
   * a guard that `restricts` it, and why (e.g. sign-up answers the new account to the one who created it).
   */
  readonly exposesPrivate?: ExposesPrivate
}

/** Makes, once per route, what turns a handler's result of type `R` into the response. */
export type Responder<R> = (route: ResolvedRoute) => (result: R, ctx: RequestContext) => Response

type Out<S, K extends string, D> = S extends { readonly [P in K]: infer X extends Schema } ? v.InferOutput<X> : D
type Inj<S> = S extends { readonly inject: infer I extends Injections } ? Resolved<I> : Record<never, never>

/**
 * What a handler receives: the request context, the validated inputs of its spec, and its injections in
 * `deps`, an object of their own, so no dependency name can shadow a context field.
 */
export type HandlerContext<S extends HandlerSpec, Env = Cloudflare.Env> = Omit<
  RequestContext<Env>,
  'params' | 'query' | 'headers' | 'cookies' | 'body'
> & {
  readonly params: Out<S, 'params', Readonly<Record<string, string>>>
  readonly query: Out<S, 'query', undefined>
  readonly headers: Out<S, 'headers', undefined>
  readonly cookies: Out<S, 'cookies', undefined>
  readonly body: Out<S, 'body', undefined>
  readonly deps: Inj<S>
}

/** What a handler may return: what its responder takes, data in the response schema's input shape, or a Response. */
export type HandlerResult<S extends HandlerSpec> =
  | (S extends { readonly respond: Responder<infer T> }
      ? T
      : S extends { readonly response: infer R extends Schema }
        ? v.InferInput<R>
        : unknown)
  | Response

/** Reads a request body as its declared type, up to a limit; undefined when there is none. */
export type BodyParser = typeof parseBody
/** How a write answers when its result fails the response schema after the work was done. */
export type CommittedAnswer = typeof committedResponse

/** A route handler: a plain value, registered under any router. */
export interface Handler<S extends HandlerSpec = HandlerSpec, Env = Cloudflare.Env> {
  readonly kind: 'handler'
  readonly method: Method
  readonly path: string
  readonly spec: S
  readonly fn: (ctx: HandlerContext<S, Env>) => HandlerResult<S> | Promise<HandlerResult<S>>
  /** How the handler's method reads a body: given by `post`, `put`, `patch` and `del`, so GET-only apps bundle none. */
  readonly parseBody?: BodyParser
  /**
   * How it answers a result that fails its response schema once the work is done, given by the same four; without
   * one (a read, or a handler made by hand) such a result throws, a 500.
   */
  readonly committed?: CommittedAnswer
}

/** The shape of `get`, `post`, ...: a handler from a path, a spec and a function; `Env` types `ctx.env`. */
export type Define<Env = Cloudflare.Env> = {
  <const S extends HandlerSpec>(
    path: string,
    spec: S,
    fn: (ctx: HandlerContext<S, Env>) => HandlerResult<S> | Promise<HandlerResult<S>>,
  ): Handler<S, Env>
  (path: string, fn: (ctx: HandlerContext<HandlerSpec, Env>) => unknown): Handler<HandlerSpec, Env>
}

const define =
  (method: Method, parseBody?: BodyParser, committed?: CommittedAnswer): Define =>
  (path: string, a: unknown, b?: unknown) =>
    ({
      kind: 'handler',
      method,
      path,
      spec: typeof a === 'function' ? {} : a,
      fn: typeof a === 'function' ? a : b,
      ...(parseBody ? { parseBody, committed } : {}),
    }) as never

/** A GET handler. @example get('/greet', { query: v.object({ name: v.string() }) }, ({ query }) => `Hello, ${query.name}`) */
export const get = /* @__PURE__ */ define('GET')
/** A POST handler (201 by default). @example post('/', { body: WidgetCreate, response: WidgetRead }, ({ body, deps: { widgets } }) => widgets.add(body)) */
export const post = /* @__PURE__ */ define('POST', parseBody, committedResponse)
/** A PUT handler. @example put('/:id', { params, body: WidgetCreate }, ({ params, body, deps: { widgets } }) => widgets.replace(params.id, body)) */
export const put = /* @__PURE__ */ define('PUT', parseBody, committedResponse)
/** A PATCH handler. @example patch('/:id', { params, body: WidgetPatch }, ({ params, body, deps: { widgets } }) => widgets.update(params.id, body)) */
export const patch = /* @__PURE__ */ define('PATCH', parseBody, committedResponse)
/** A DELETE handler (204 by default). @example del('/:id', { params }, ({ params, deps: { widgets } }) => widgets.delete(params.id)) */
export const del = /* @__PURE__ */ define('DELETE', parseBody, committedResponse)

/** Any handler, whatever its spec: what routers hold. */
export interface AnyHandler {
  readonly kind: 'handler'
  readonly method: Method
  readonly path: string
  readonly spec: HandlerSpec
  readonly fn: (ctx: never) => unknown
  readonly parseBody?: BodyParser
  readonly committed?: CommittedAnswer
}
