import type { RequestContext } from '../kernel/context'
import { HttpError } from '../kernel/errors'
import { isSafeMethod } from '../kernel/safe-method'
import { secretsEqual } from './timing-safe-equal'

/** Options of `csrf`. */
export interface CsrfOptions {
  /** Origins other than the API's own allowed to send cookie-authenticated writes (`https://app.example`). */
  readonly origins?: readonly string[]
  /** The header a client that sends neither `Sec-Fetch-Site` nor `Origin` puts the token in. Default `X-CSRF-Token`. */
  readonly header?: string
}

/** A CSRF check for cookie-authenticated requests; `expected` is the session's token. */
export interface Csrf {
  readonly header: string
  /** Throws 403 unless an unsafe request is same-origin, from an allowed origin, or carries the token. */
  check(ctx: RequestContext<unknown>, expected: string | undefined): Promise<void>
  /**
   * For requests that create cookie credentials (login): throws 403 when a browser marks the request cross-site
   * (`Sec-Fetch-Site`, or an `Origin` that is neither the API's nor allowed); clients that send neither pass.
   */
  checkOrigin(ctx: RequestContext<unknown>): void
}

/**
 * Cross-site request forgery protection for cookie credentials (bearer and API-key requests never need it: a
 * browser does not attach those by itself). An unsafe method passes when `Sec-Fetch-Site` is `same-origin` or
 * `none`, or `Origin` is the API's own or an allowed one, or the header carries the session's token; anything
 * else is 403. Reads headers only, never the body.
 * @example cookieSession({ store, csrf: csrf({ origins: ['https://app.example'] }), principal })
 */
export function csrf(options: CsrfOptions = {}): Csrf {
  const header = options.header ?? 'X-CSRF-Token'
  const allowed = new Set(options.origins ?? [])
  // Whether a browser says the request comes from our own origin or an allowed one; null when it says nothing.
  const sameOrigin = ({ request, url }: RequestContext<unknown>) => {
    const site = request.headers.get('sec-fetch-site')
    const origin = request.headers.get('origin')
    if (site === 'same-origin' || site === 'none') return true
    if (origin !== null && origin !== 'null' && (origin === url.origin || allowed.has(origin))) return true
    return site === null && origin === null ? null : false
  }
  const refused = (detail: string) => new HttpError(403, { detail })
  return {
    header,
    async check(ctx, expected) {
      if (isSafeMethod(ctx.request.method) || sameOrigin(ctx)) return
      const token = ctx.request.headers.get(header)
      if (token !== null && expected !== undefined && (await secretsEqual(token, expected))) return
      throw refused(`A cross-site request with cookie credentials needs an allowed Origin or the ${header} header`)
    },
    checkOrigin(ctx) {
      if (sameOrigin(ctx) === false) throw refused('A cross-site page may not start a session')
    },
  }
}
