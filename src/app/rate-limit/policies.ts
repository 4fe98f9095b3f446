import type { RateLimitPolicy } from '../../core/rate-limit'
import { clientIp } from '../../core/rate-limit'

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
