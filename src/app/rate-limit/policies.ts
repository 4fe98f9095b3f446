import type { RequestContext } from '../../core'
import type { RateLimitPolicy } from '../../core/rate-limit'
import { clientIp } from '../../core/rate-limit'
import { CurrentUser } from '../auth/principal'

/**
 * The app-wide default: 100 requests per minute per client address. Test and local configs may raise it
 * with the RATE_LIMIT_DEFAULT var (see limitFor in ../extensions.ts).
 */
export const defaultPolicy: RateLimitPolicy = { name: 'default', limit: 100, window: 60, key: 'ip' }

/**
 * Login attempts: 5 per 15 minutes per address and email, so one client cannot guess passwords for an
 * account while others behind the same address can still log in. The email is the one the handler logs in
 * with: the body the kernel parsed and validated once (trimmed by the schema), whatever the
 * media type's spelling or how often a key repeats. Fails closed: without the limiter, guessing would be
 * unlimited, and a request without a validated email still counts by address.
 */
export const loginPolicy: RateLimitPolicy = {
  name: 'login',
  limit: 5,
  window: 900,
  key: (ctx) => {
    const email = (ctx.body as { readonly email?: unknown } | undefined)?.email
    // Emails match case-insensitively at login (the column is NOCASE), so they count case-insensitively too.
    return `${clientIp(ctx)}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`
  },
  onUnavailable: 'closed',
}

/** The signed-in account's id, or '' (a guard refuses such a request anyway; it still counts by address). */
const accountOf = async (ctx: RequestContext): Promise<string> => String((await ctx.resolve(CurrentUser))?.id ?? '')

/**
 * Re-authentication (password change, email change, account deletion: each takes the current password): 5
 * attempts per 15 minutes per address and account. Keyed on the account the token or session names, so one user's
 * wrong guesses never lock out others behind the same address (an office, a carrier's NAT).
 */
export const reauthPolicy: RateLimitPolicy = {
  name: 'reauth',
  limit: 5,
  window: 900,
  key: async (ctx) => `${clientIp(ctx)}|${await accountOf(ctx)}`,
  onUnavailable: 'closed',
}

/**
 * The per-account cap on the same attempts: 10 per hour whatever the address, so a stolen token cannot guess the
 * password from many addresses. It can make the owner wait an hour; it already holds the owner's token.
 */
export const reauthAccountPolicy: RateLimitPolicy = {
  name: 'reauth-account',
  limit: 10,
  window: 3600,
  key: accountOf,
  onUnavailable: 'closed',
}

/**
 * Sign-up: 10 accounts per hour per address. Sign-up says whether an email is taken (409), as it must to be
 * usable; the cap keeps that from being an unlimited oracle.
 */
export const signupPolicy: RateLimitPolicy = {
  name: 'signup',
  limit: 10,
  window: 3600,
  key: 'ip',
  onUnavailable: 'closed',
}

/** Room tickets: 30 a minute per user across every room (each room also caps 10 per user per ticket lifetime). */
export const ticketPolicy: RateLimitPolicy = { name: 'tickets', limit: 30, window: 60, key: accountOf }
