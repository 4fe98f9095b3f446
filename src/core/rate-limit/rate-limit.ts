import { boundedKey } from '../kernel/bounded-key'
import type { RequestContext } from '../kernel/context'
import { HttpError } from '../kernel/errors'
import type { Middleware } from '../kernel/middleware'
import type { Plugin } from '../kernel/plugin'
import type { ResolvedRoute } from '../kernel/route'
import type { Stage } from '../kernel/stage'
import { clientIp } from './client-ip'
import type { RateLimitPolicy } from './policy'
import type { RateLimitFacts } from './rate-limit-document'
import { type EnforcedPolicy, policyHeader, rateLimitHeader } from './rate-limit-headers'
import type { RateLimitDecision, RateLimiterObject } from './rate-limiter-object'

type Identify<Env = Cloudflare.Env> = (
  ctx: RequestContext<Env>,
) => string | number | null | undefined | Promise<string | number | null | undefined>

/** Options of the rate-limit plugin. */
export interface RateLimitOptions<Env = Cloudflare.Env> {
  /** The limiter namespace for a request's env, e.g. `(env) => env.RATE_LIMITER`. */
  readonly binding: (env: Env) => DurableObjectNamespace<RateLimiterObject>
  /** How to find the caller for `key: 'user'` and `key: 'apiKey'`; without one, such requests count by IP. */
  readonly identify?: { readonly user?: Identify<Env>; readonly apiKey?: Identify<Env> }
  /** What a policy without its own `onUnavailable` does when the limiter cannot be reached (default 'open'). */
  readonly onUnavailable?: 'open' | 'closed'
  /** The limit to enforce for a request's env (default: the policy's); lets test or staging configs raise limits. */
  readonly limitFor?: (policy: RateLimitPolicy & { name: string }, env: Env) => number
  /** Where the unavailable line goes (default: one JSON line on console.warn / console.error). */
  readonly log?: (line: Record<string, unknown>) => void
}

const NAME = /^[A-Za-z0-9_.-]+$/
/** Where a policy counts: client keys before anything is parsed, custom keys once the inputs are validated. */
const keyedOn = (p: RateLimitPolicy): 'client' | 'inputs' =>
  p.keyedOn ?? (typeof p.key === 'function' ? 'inputs' : 'client')
const append = (headers: Headers, name: string, value: string) => {
  const prev = headers.get(name)
  headers.set(name, prev ? `${prev}, ${value}` : value)
}
const keyKind = (p: RateLimitPolicy) => (typeof p.key === 'function' ? 'custom' : p.key)
/** The policy's name, by default from what it counts: `100-per-60s-ip`. */
export const policyName = (p: RateLimitPolicy): string => p.name ?? `${p.limit}-per-${p.window}s-${keyKind(p)}`

const defaultLog = (line: Record<string, unknown>) =>
  (line.level === 'error' ? console.error : console.warn)(JSON.stringify(line))

/**
 * Enforces every `rateLimit` policy of a route (all must pass) through one Durable Object per policy and
 * client, and answers 429 problems with `Retry-After`; every limited response carries `RateLimit-Policy` and
 * `RateLimit`. Policies are checked in createApp.
 * @example createApp({ rateLimit: [{ name: 'default', limit: 100, window: 60, key: 'ip' }], plugins: [rateLimit({ binding: (env) => env.RATE_LIMITER })], handlers })
 */
export function rateLimit<Env = Cloudflare.Env>(given: RateLimitOptions<Env>): Plugin {
  // The app's env type is the caller's promise; at run time ctx.env is whatever the Worker was given.
  const options = given as unknown as RateLimitOptions
  const log = options.log ?? defaultLog
  const limitFor = options.limitFor ?? ((p) => p.limit)

  // Fails closed: a key that cannot be made (a custom key that throws, a credential that does not verify) still
  // counts, by address, so forged tokens and wrong API keys are limited like any other request.
  const identifier = async (p: RateLimitPolicy, ctx: RequestContext): Promise<string> => {
    try {
      if (typeof p.key === 'function') return `custom:${await p.key(ctx)}`
      if (p.key !== 'ip') {
        const who = await options.identify?.[p.key]?.(ctx)
        if (who !== null && who !== undefined) return `${p.key}:${who}`
      }
    } catch {
      return `unkeyed:${clientIp(ctx)}`
    }
    // Anonymous callers of a per-user or per-key policy still count, by address.
    return `ip:${clientIp(ctx)}`
  }

  const check = (route: ResolvedRoute): (RateLimitPolicy & { name: string })[] => {
    const where = `Route ${route.method} ${route.path}`
    const policies = (route.config.rateLimit ?? []).map((p) => ({ ...p, name: policyName(p) }))
    const names = new Set<string>()
    for (const p of policies) {
      if (!Number.isInteger(p.limit) || p.limit < 1)
        throw new Error(`${where}: rate limit "${p.name}" needs a whole, positive limit`)
      if (!Number.isInteger(p.window) || p.window < 1)
        throw new Error(`${where}: rate limit "${p.name}" needs a window of whole, positive seconds`)
      if (!NAME.test(p.name))
        throw new Error(`${where}: rate limit name "${p.name}" may use only letters, digits, _ . -`)
      if (names.has(p.name)) throw new Error(`${where}: two rate limits are named "${p.name}"`)
      names.add(p.name)
      if ((p.key === 'user' || p.key === 'apiKey') && !options.identify?.[p.key])
        throw new Error(`${where}: rate limit "${p.name}" counts by ${p.key}, but rateLimit() has no identify.${p.key}`)
    }
    return policies
  }

  const enforce = (policies: (RateLimitPolicy & { name: string })[], where: string): Middleware =>
    async function rateLimited(ctx, next) {
      const enforced: EnforcedPolicy[] = policies.map((p) => ({
        name: p.name,
        limit: limitFor(p, ctx.env),
        window: p.window,
      }))
      const outcomes = await Promise.all(
        policies.map(async (p, i): Promise<RateLimitDecision | Error> => {
          const id = await identifier(p, ctx)
          try {
            const ns = options.binding(ctx.env)
            const stub = ns.getByName(await boundedKey(`${p.name}:${id}`))
            return await stub.hit(enforced[i]!.limit, p.window)
          } catch (e) {
            return e instanceof Error ? e : new Error(String(e))
          }
        }),
      )
      const known: [EnforcedPolicy, RateLimitDecision][] = []
      let closed = false
      outcomes.forEach((o, i) => {
        const p = policies[i]!
        if (!(o instanceof Error)) {
          known.push([enforced[i]!, o])
          return
        }
        const mode = p.onUnavailable ?? options.onUnavailable ?? 'open'
        if (mode === 'closed') closed = true
        log({
          level: mode === 'closed' ? 'error' : 'warn',
          event: 'rate-limit-unavailable',
          route: where,
          policy: p.name,
          action: mode === 'closed' ? 'rejected' : 'allowed',
          error: o.message,
        })
      })
      // A route limited at two positions reports both stages' policies in one list each.
      append(ctx.responseHeaders, 'ratelimit-policy', policyHeader(enforced))
      if (known.length) append(ctx.responseHeaders, 'ratelimit', rateLimitHeader(known))
      if (closed)
        throw new HttpError(503, {
          detail: 'The rate limiter is unavailable; try again shortly',
          headers: { 'retry-after': '1' },
        })
      const denied = known.filter(([, d]) => !d.allowed)
      if (denied.length) {
        const retry = Math.max(1, ...denied.map(([, d]) => d.reset))
        const [p] = denied[0]!
        throw new HttpError(429, {
          detail: `Rate limit "${p.name}" exceeded: at most ${p.limit} requests per ${p.window} s; retry in ${retry} s`,
          headers: { 'retry-after': String(retry) },
          extensions: { policies: denied.map(([q]) => q.name) },
        })
      }
      return next()
    }

  return {
    name: 'rateLimit',
    options: { rateLimit: 'concat' },
    stages(route): Stage[] {
      const policies = check(route)
      if (!policies.length) return []
      const where = `${route.method} ${route.path}`
      const onClient = policies.filter((p) => keyedOn(p) === 'client')
      const onInputs = policies.filter((p) => keyedOn(p) === 'inputs')
      const stages: Stage[] = []
      const describe: RateLimitFacts = { policies, defaultMode: options.onUnavailable ?? 'open' }
      if (onClient.length) stages.push({ name: 'rateLimit', at: 'client', run: enforce(onClient, where), describe })
      if (onInputs.length)
        stages.push({
          name: 'rateLimit(inputs)',
          at: 'validated',
          run: enforce(onInputs, where),
          describe: onClient.length ? undefined : describe,
        })
      return stages
    },
  }
}
