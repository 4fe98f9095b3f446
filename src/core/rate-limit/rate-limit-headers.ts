import type { RateLimitDecision } from './rate-limiter-object'

/** A policy as it is enforced: its name, effective limit and window. */
export interface EnforcedPolicy {
  readonly name: string
  readonly limit: number
  readonly window: number
}

/**
 * `RateLimit-Policy` as the IETF httpapi-ratelimit-headers draft writes it: `"name";q=limit;w=window`, listed.
 * @example policyHeader([{ name: 'default', limit: 100, window: 60 }]) // '"default";q=100;w=60'
 */
export const policyHeader = (policies: readonly EnforcedPolicy[]): string =>
  policies.map((p) => `"${p.name}";q=${p.limit};w=${p.window}`).join(', ')

/**
 * `RateLimit`: what is left of each policy, `"name";r=remaining;t=seconds-to-reset`.
 * @example rateLimitHeader([[{ name: 'default', limit: 100, window: 60 }, { allowed: true, remaining: 99, reset: 60 }]])
 */
export const rateLimitHeader = (states: readonly (readonly [EnforcedPolicy, RateLimitDecision])[]): string =>
  states.map(([p, d]) => `"${p.name}";r=${d.remaining};t=${d.reset}`).join(', ')
