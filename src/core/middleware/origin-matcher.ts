import { wildcard } from './wildcard'

/**
 * Compiles an origin list as `cors()` reads it: `'*'`, exact origins, and `https://*.example.com` patterns
 * (`*` is one or more DNS labels; a pattern without a scheme means https). Case-insensitive.
 * @example cors({ origins: (origin, ctx) => originMatcher(config(ctx.env).origins)(origin) }) // compile once, not per request
 */
export function originMatcher(origins: '*' | readonly string[]): (origin: string) => boolean {
  if (origins === '*') return () => true
  const exact = new Set(origins.filter((o) => !o.includes('*')).map((o) => o.toLowerCase()))
  const patterns = origins.filter((o) => o.includes('*')).map((o) => wildcard(o.includes('://') ? o : `https://${o}`))
  return (origin) => {
    const o = origin.toLowerCase()
    return exact.has(o) || patterns.some((p) => p.test(o))
  }
}
