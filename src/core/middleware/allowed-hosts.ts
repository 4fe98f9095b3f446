import { HttpError } from '../errors'
import { type Middleware, middleware } from '../middleware'
import { wildcard } from './wildcard'

/**
 * Refuses requests whose Host is not listed (exact names or `*.example.com` patterns; ports are ignored)
 * with a 400 naming the host, so a Worker reachable under a stray hostname serves nothing there.
 * @example createApp({ middleware: [allowedHosts(['api.example.com', '*.example.com'])], handlers })
 */
export function allowedHosts(hosts: readonly string[]): Middleware {
  const exact = new Set(hosts.filter((h) => !h.includes('*')).map((h) => h.toLowerCase()))
  const patterns = hosts.filter((h) => h.includes('*')).map(wildcard)
  return middleware({ name: 'allowedHosts', errors: [400] }, async function allowedHosts(ctx, next) {
    const host = ctx.url.hostname.toLowerCase()
    if (!exact.has(host) && !patterns.some((p) => p.test(host)))
      throw new HttpError(400, { detail: `Host ${host} is not allowed` })
    return next()
  })
}
