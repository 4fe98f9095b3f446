import type { RequestContext } from '../kernel/context'
import { inputError } from '../kernel/input-error'
import { type Middleware, middleware } from '../kernel/middleware'
import { wildcard } from './wildcard'

type HostTest = (host: string) => boolean

const hostTest = (hosts: readonly string[]): HostTest => {
  const exact = new Set(hosts.filter((h) => !h.includes('*')).map((h) => h.toLowerCase()))
  const patterns = hosts.filter((h) => h.includes('*')).map(wildcard)
  return (host) => exact.has(host) || patterns.some((p) => p.test(host))
}

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
  const fixed = typeof hosts === 'function' ? undefined : hostTest(hosts)
  const compiled = new WeakMap<readonly string[], HostTest>()
  const testFor = (ctx: RequestContext): HostTest | undefined => {
    if (fixed || typeof hosts !== 'function') return fixed
    const list = hosts(ctx)
    if (!list) return undefined
    let test = compiled.get(list)
    if (!test) {
      test = hostTest(list)
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
