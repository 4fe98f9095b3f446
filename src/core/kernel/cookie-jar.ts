import type { RequestContext } from './context'

const JAR = '\0cookies'

/**
 * A `Cookie` header's cookies: the first of each name wins (RFC 6265 §5.4 sends the most specific first), values
 * unquoted and percent-decoded once (kept as sent when the encoding is malformed). The one cookie parser.
 */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>()
  if (!header) return jar
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    if (!name || jar.has(name)) continue
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
    let value = raw
    if (raw.includes('%'))
      try {
        value = decodeURIComponent(raw)
      } catch {}
    jar.set(name, value)
  }
  return jar
}

/**
 * The request's cookies, parsed once per request whoever asks first: validated `cookies` inputs, sessions, CSRF
 * and D1 bookmarks all read this one map, so no two stages can disagree on what a cookie holds.
 * @example cookiesOf(ctx).get('__Host-sid')
 */
export function cookiesOf(ctx: RequestContext<unknown>): ReadonlyMap<string, string> {
  let jar = ctx.state.get(JAR) as Map<string, string> | undefined
  if (!jar) {
    jar = parseCookieHeader(ctx.request.headers.get('cookie'))
    ctx.state.set(JAR, jar)
  }
  return jar
}
