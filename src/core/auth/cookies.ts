import { parseCookieHeader } from '../kernel/cookie-jar'

/**
 * The value of one cookie in a `Cookie` header, or undefined, by the kernel's one parser (the first occurrence
 * wins, RFC 6265 §5.4). In a request, `cookiesOf(ctx)` reads the cookies parsed once for every stage.
 * @example readCookie(request.headers.get('cookie'), '__Host-sid')
 */
export const readCookie = (header: string | null, name: string): string | undefined =>
  parseCookieHeader(header).get(name)

/** Options of a cookie the server sets; the defaults are the strict ones. */
export interface CookieOptions {
  readonly maxAge?: number
  readonly httpOnly?: boolean
  readonly sameSite?: 'Strict' | 'Lax' | 'None'
}

/**
 * A `Set-Cookie` value for a credential: `Secure; Path=/` always (as the `__Host-` prefix requires),
 * `HttpOnly` and `SameSite=Lax` unless told otherwise; `maxAge: 0` deletes it.
 * @example ctx.responseHeaders.append('set-cookie', setCookie('__Host-sid', id, { maxAge: 3600 }))
 */
export function setCookie(name: string, value: string, options: CookieOptions = {}): string {
  const parts = [`${name}=${value}`, 'Path=/', 'Secure']
  if (options.httpOnly !== false) parts.push('HttpOnly')
  parts.push(`SameSite=${options.sameSite ?? 'Lax'}`)
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`)
  return parts.join('; ')
}
