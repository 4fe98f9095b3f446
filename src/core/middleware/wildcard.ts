const LABELS = '[a-z0-9-]+(?:\\.[a-z0-9-]+)*'
const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')

/**
 * Compiles a host or origin pattern where `*` stands for one or more DNS labels, so `*.example.com` matches
 * `a.example.com` and `a.b.example.com` but neither `example.com` nor `evil-example.com`. Matching is
 * case-insensitive and anchored at both ends.
 */
export function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.toLowerCase().split('*').map(escapeRegExp).join(LABELS)}$`)
}
