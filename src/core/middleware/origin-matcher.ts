import { wildcardList } from './wildcard-list'

/**
 * Compiles an origin list as `cors()` reads it: `'*'`, exact origins, and `https://*.example.com` patterns
 * (`*` is one or more DNS labels; a pattern without a scheme means https). Case-insensitive.
 * @example cors({ origins: (origin, ctx) => originMatcher(config(ctx.env).origins)(origin) }) // compile once, not per request
 */
export function originMatcher(origins: '*' | readonly string[]): (origin: string) => boolean {
  if (origins === '*') return () => true
  return wildcardList(origins, (o) => (o.includes('://') ? o : `https://${o}`))
}
