import type { RequestContext } from '../kernel/context'
import { appendToken, editHeaders } from '../kernel/edit-headers'
import { HttpError } from '../kernel/errors'
import { type Middleware, middleware } from '../kernel/middleware'
import { problemResponse } from '../kernel/problem'
import { originMatcher } from './origin-matcher'

/** CORS policy, with Litestar's CORSConfig knobs. */
export interface CorsOptions {
  /**
   * Who may call: `'*'`, a list of exact origins (`https://app.example.com`) and wildcard patterns
   * (`https://*.example.com`; a pattern without a scheme means https), or a function deciding per request.
   */
  readonly origins: '*' | readonly string[] | ((origin: string, ctx: RequestContext) => boolean)
  /** Methods a preflight allows; defaults to GET, HEAD, POST, PUT, PATCH, DELETE. */
  readonly methods?: readonly string[]
  /** Request headers a preflight allows (case-insensitive); `'*'` (default) allows what the browser asks for. */
  readonly headers?: '*' | readonly string[]
  /** Sends `Access-Control-Allow-Credentials: true`; refused together with `origins: '*'`. */
  readonly credentials?: boolean
  /** Response headers scripts may read, beyond the CORS-safelisted ones. */
  readonly exposeHeaders?: readonly string[]
  /** Seconds a browser may cache a preflight answer (default 600). */
  readonly maxAge?: number
}

const DEFAULT_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']

const originTest = (origins: CorsOptions['origins']): ((origin: string, ctx: RequestContext) => boolean) =>
  typeof origins === 'function' ? origins : originMatcher(origins)

const refuse = (ctx: RequestContext, detail: string) => problemResponse(new HttpError(403, { detail }), ctx.path)

/**
 * Answers CORS preflights for known paths and adds CORS headers to every response (errors included) for
 * allowed origins; a disallowed origin gets none. Put it on the app layer: preflights never reach a router.
 * @example createApp({ middleware: [cors({ origins: ['https://*.example.com'], credentials: true })], handlers })
 */
export function cors(options: CorsOptions): Middleware {
  const credentials = options.credentials ?? false
  if (credentials && options.origins === '*')
    throw new TypeError('cors(): credentials need explicit origins; "*" would let every site act as the user')
  if (credentials && options.exposeHeaders?.includes('*'))
    throw new TypeError('cors(): exposeHeaders "*" is not a wildcard when credentials are allowed; list the headers')
  const allowOrigin = originTest(options.origins)
  const anyOrigin = options.origins === '*'
  const methods = (options.methods ?? DEFAULT_METHODS).map((m) => m.toUpperCase())
  const allowHeaders = options.headers === '*' || !options.headers ? undefined : options.headers
  const allowedHeaderSet = new Set(allowHeaders?.map((h) => h.toLowerCase()))
  const expose = options.exposeHeaders?.join(', ')
  const maxAge = String(options.maxAge ?? 600)

  const decorate = (headers: Headers, origin: string) => {
    headers.set('access-control-allow-origin', anyOrigin ? '*' : origin)
    if (credentials) headers.set('access-control-allow-credentials', 'true')
    if (!anyOrigin) appendToken(headers, 'vary', 'Origin')
  }

  return middleware({ name: 'cors' }, async function cors(ctx, next) {
    const origin = ctx.request.headers.get('origin')
    if (origin === null) return next()
    const allowed = allowOrigin(origin, ctx)
    const requested = ctx.request.headers.get('access-control-request-method')
    if (ctx.request.method === 'OPTIONS' && requested !== null) {
      const known = await next()
      if (known.status === 404) return allowed ? editHeaders(known, (h) => decorate(h, origin)) : known
      if (!allowed) return refuse(ctx, `Origin ${origin} is not allowed`)
      if (!methods.includes(requested.toUpperCase())) return refuse(ctx, `Method ${requested} is not allowed by CORS`)
      const asked = ctx.request.headers.get('access-control-request-headers') ?? ''
      const names = asked
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean)
      const denied = allowHeaders ? names.find((h) => !allowedHeaderSet.has(h)) : undefined
      if (denied) return refuse(ctx, `Header ${denied} is not allowed by CORS`)
      const headers = new Headers({
        'access-control-allow-methods': methods.join(', '),
        'access-control-max-age': maxAge,
      })
      if (names.length)
        headers.set('access-control-allow-headers', allowHeaders ? allowHeaders.join(', ') : names.join(', '))
      decorate(headers, origin)
      appendToken(headers, 'vary', 'Access-Control-Request-Method')
      appendToken(headers, 'vary', 'Access-Control-Request-Headers')
      return new Response(null, { status: 204, headers })
    }
    const response = await next()
    return editHeaders(response, (h) => {
      if (!allowed) {
        if (!anyOrigin) appendToken(h, 'vary', 'Origin')
        return
      }
      decorate(h, origin)
      if (expose) h.set('access-control-expose-headers', expose)
    })
  })
}
