import { ValidationError } from './errors'

/** The most query parameters a request may carry; past it the request is refused before any is decoded. */
export const MAX_QUERY_PARAMS = 256

const decode = (s: string): string =>
  s.includes('+') || s.includes('%') ? decodeURIComponent(s.includes('+') ? s.replaceAll('+', ' ') : s) : s

/**
 * Parses a request URL's query into `[name, value]` pairs exactly as `new URL(url).searchParams` does, several times
 * faster in the common case: plain splitting and `decodeURIComponent`. Whatever that cannot decode (malformed
 * percent-encoding, which URLSearchParams keeps or replaces) is handed to the URL parser itself.
 * @example parseQuery('https://api.test/greet?name=Bob&tag=a&tag=b') // [['name', 'Bob'], ['tag', 'a'], ['tag', 'b']]
 */
export function parseQuery(url: string): [string, string][] {
  const start = url.indexOf('?')
  if (start === -1 || start === url.length - 1) return []
  // A request URL never carries a fragment, but a hand-made string might.
  const hash = url.indexOf('#', start)
  const query = url.slice(start + 1, hash === -1 ? undefined : hash)
  const parts = query.split('&')
  if (parts.length > MAX_QUERY_PARAMS && parts.filter(Boolean).length > MAX_QUERY_PARAMS)
    throw new ValidationError([
      { in: 'query', name: '', pointer: '', message: `has more than ${MAX_QUERY_PARAMS} parameters` },
    ])
  const out: [string, string][] = []
  try {
    for (const part of parts) {
      if (part === '') continue
      const eq = part.indexOf('=')
      out.push(eq === -1 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))])
    }
  } catch {
    return [...new URL(url).searchParams]
  }
  return out
}
