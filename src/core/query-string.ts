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
  const out: [string, string][] = []
  try {
    for (const part of query.split('&')) {
      if (part === '') continue
      const eq = part.indexOf('=')
      out.push(eq === -1 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))])
    }
  } catch {
    return [...new URL(url).searchParams]
  }
  return out
}
