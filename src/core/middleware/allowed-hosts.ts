import type { RequestContext } from '../kernel/context'
import { inputError } from '../kernel/input-error'
import { type Middleware, middleware } from '../kernel/middleware'
import { wildcardList } from './wildcard-list'

type HostTest = (host: string) => boolean

/**
 * Refuses requests whose Host is not listed (exact names or `*.example.com` patterns; ports are ignored)
 * with a 400 naming the host, so a Worker reachable under a stray hostname serves nothing there. A function
 * picks the list per request (e.g. from configuration; `undefined` allows every host); each list it returns
 * is compiled once.
 * @example createApp({ middleware: [allowedHosts(['api.example.com', '*.example.com'])], handlers })
 */
export function allowedHosts(
  hosts: readonly string[] | ((ctx: RequestContext) => readonly string[] | undefined),
): Middleware {
  const fixed = typeof hosts === 'function' ? undefined : wildcardList(hosts)
  const compiled = new WeakMap<readonly string[], HostTest>()
  const testFor = (ctx: RequestContext): HostTest | undefined => {
    if (fixed || typeof hosts !== 'function') return fixed
    const list = hosts(ctx)
    if (!list) return undefined
    let test = compiled.get(list)
    if (!test) {
      test = wildcardList(list)
      compiled.set(list, test)
    }
    return test
  }
  return middleware({ name: 'allowedHosts', errors: [400] }, async function allowedHosts(ctx, next) {
    const test = testFor(ctx)
    const host = ctx.url.hostname.toLowerCase()
    if (test && !test(host)) throw inputError('header', 'host', 'is not allowed', `Host ${host} is not allowed`)
    return next()
  })
}
