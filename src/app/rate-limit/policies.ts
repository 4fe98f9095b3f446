import { clientIp, type RateLimitPolicy, type RequestContext, readLimited } from '../../core'

/**
 * The app-wide default: 100 requests per minute per client address. Test and local configs may raise it
 * with the RATE_LIMIT_DEFAULT var (see limitFor in ../extensions.ts).
 */
export const defaultPolicy: RateLimitPolicy = { name: 'default', limit: 100, window: 60, key: 'ip' }

// Bodies larger than a login form are not parsed for the key; they count by address and fail later on size.
const MAX_KEYED_BODY = 16 * 1024

/** A copy of the body as text, or null once it passes `max` bytes (the body-limit check answers those later). */
async function bodyText(request: Request, max: number): Promise<string | null> {
  try {
    const bytes = await readLimited(request.clone(), max)
    return bytes ? new TextDecoder().decode(bytes) : null
  } catch {
    return null
  }
}

/** The email a JSON or urlencoded login body names, trimmed and lower-cased; '' when there is none. */
async function emailOf(ctx: RequestContext): Promise<string> {
  try {
    const text = await bodyText(ctx.request, MAX_KEYED_BODY)
    if (text === null) return ''
    const json = (ctx.request.headers.get('content-type') ?? '').includes('json')
    const email = json ? (JSON.parse(text) as { email?: unknown }).email : new URLSearchParams(text).get('email')
    return typeof email === 'string' ? email.trim().toLowerCase() : ''
  } catch {
    return ''
  }
}

/**
 * Login attempts: 5 per 15 minutes per address and email, so one client cannot guess passwords for an
 * account while others behind the same address can still log in. Fails closed: without the limiter,
 * guessing would be unlimited.
 */
export const loginPolicy: RateLimitPolicy = {
  name: 'login',
  limit: 5,
  window: 900,
  key: async (ctx) => `${clientIp(ctx)}|${await emailOf(ctx)}`,
  onUnavailable: 'closed',
}
