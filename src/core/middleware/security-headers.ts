import { editHeaders } from '../kernel/edit-headers'
import { type Middleware, middleware } from '../kernel/middleware'

/** Security headers by name; `false` leaves one out. Keys are header names in lower case. */
export interface SecurityHeadersOptions {
  readonly 'x-content-type-options'?: string | false
  readonly 'x-frame-options'?: string | false
  readonly 'referrer-policy'?: string | false
  readonly 'cross-origin-opener-policy'?: string | false
  /** Sent on https requests only: over http a browser ignores it, and local dev must stay reachable. */
  readonly 'strict-transport-security'?: string | false
  /** The policy for HTML pages. */
  readonly 'content-security-policy'?: string | false
  /** The policy for every other response: an API body should never run or embed anything. */
  readonly 'content-security-policy-api'?: string | false
}

/** The defaults: OWASP's recommendations for an API that also serves a few pages. @example securityHeaders({ ...DEFAULT_SECURITY_HEADERS, 'referrer-policy': 'same-origin' }) */
export const DEFAULT_SECURITY_HEADERS: Required<SecurityHeadersOptions> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'content-security-policy-api': "default-src 'none'; frame-ancestors 'none'",
}

/** The `opt` key a layer sets to override the app's security headers for its routes. @example router({ opt: { [SECURITY_HEADERS_OPT]: { 'x-frame-options': false } }, handlers }) */
export const SECURITY_HEADERS_OPT = 'securityHeaders'

const SIMPLE = ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy'] as const

/**
 * Adds security headers to every response a handler did not set them on. A layer overrides them for its
 * routes with `opt: { securityHeaders: { 'x-frame-options': 'SAMEORIGIN' } }` (inner layers win).
 * @example createApp({ middleware: [securityHeaders()], handlers })
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): Middleware {
  const base = { ...DEFAULT_SECURITY_HEADERS, ...options }
  return middleware({ name: 'securityHeaders' }, async function securityHeaders(ctx, next) {
    const response = await next()
    const override = ctx.route?.opt[SECURITY_HEADERS_OPT] as SecurityHeadersOptions | undefined
    const values = override ? { ...base, ...override } : base
    const html = response.headers.get('content-type')?.startsWith('text/html') ?? false
    const https = ctx.request.url.startsWith('https:')
    return editHeaders(response, (h) => {
      const put = (name: string, value: string | false) => {
        if (value !== false && !h.has(name)) h.set(name, value)
      }
      for (const name of SIMPLE) put(name, values[name])
      if (https) put('strict-transport-security', values['strict-transport-security'])
      put('content-security-policy', html ? values['content-security-policy'] : values['content-security-policy-api'])
    })
  })
}
