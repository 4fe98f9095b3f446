/**
 * The value of one cookie in a `Cookie` header, or undefined; the first occurrence wins (RFC 6265 §5.4).
 * @example readCookie(ctx.request.headers.get('cookie'), '__Host-sid')
 */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    return part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
  }
  return undefined
}

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
