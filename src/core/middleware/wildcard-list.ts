const LABELS = '[a-z0-9-]+(?:\\.[a-z0-9-]+)*'
const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')

/**
 * Compiles a host or origin pattern where `*` stands for one or more DNS labels, so `*.example.com` matches
 * `a.example.com` and `a.b.example.com` but neither `example.com` nor `evil-example.com`. Matching is
 * case-insensitive and anchored at both ends.
 */
const wildcard = (pattern: string): RegExp =>
  new RegExp(`^${pattern.toLowerCase().split('*').map(escapeRegExp).join(LABELS)}$`)

/**
 * Compiles a list of exact names and `*` patterns (each first completed by `complete`) into one case-insensitive
 * test: the host list of `allowedHosts()` and the origin list of `cors()`.
 * @example wildcardList(['api.example.com', '*.example.com'])('a.b.example.com') // true
 */
export function wildcardList(
  list: readonly string[],
  complete: (pattern: string) => string = (pattern) => pattern,
): (name: string) => boolean {
  const exact = new Set(list.filter((n) => !n.includes('*')).map((n) => n.toLowerCase()))
  const patterns = list.filter((n) => n.includes('*')).map((n) => wildcard(complete(n)))
  return (name) => {
    const lower = name.toLowerCase()
    return exact.has(lower) || patterns.some((p) => p.test(lower))
  }
}
