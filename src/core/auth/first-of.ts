import { type DependencyKey, provide } from '../kernel/di'
import { type AuthScheme, authScheme } from './auth-scheme'

/**
 * Several schemes as one: the principal of the first scheme whose credentials the request carries (the others'
 * providers never run, so a valid bearer token is not refused over a stale cookie), every scheme as an
 * alternative in the document, and every scheme's challenge on a 401. Scopes are read by the first scheme's
 * `scopesOf` unless the schemes' principals differ and `scopesOf` is given.
 * @example export const userAuth = firstOf(CurrentUser, [bearer, sessions])
 */
export function firstOf<P>(
  key: DependencyKey<P | null>,
  schemes: readonly AuthScheme<P>[],
  scopesOf: (principal: P) => readonly string[] = (p) => schemes[0]!.scopesOf(p),
): AuthScheme<P> {
  const principal = key
  // Resolved lazily one after another, so its injections are not declared (they would all resolve up front).
  const own = provide(principal, async (ctx) => {
    for (const s of schemes) {
      const p = await ctx.resolve(s.principal)
      if (p) return p
    }
    return null
  })
  return authScheme<P>({
    principal,
    name: `firstOf(${schemes.map((s) => s.name).join(',')})`,
    dependencies: [...schemes.flatMap((s) => s.dependencies), own],
    securitySchemes: Object.assign({}, ...schemes.map((s) => s.securitySchemes)),
    requirement: (scopes) => schemes.flatMap((s) => s.requirement(scopes)),
    wwwAuthenticate: (error, detail) => schemes.map((s) => s.wwwAuthenticate(error, detail)).join(', '),
    scopesOf,
    errors: [...new Set(schemes.flatMap((s) => s.errors ?? []))],
    responseHeaders: Object.assign({}, ...schemes.map((s) => s.responseHeaders)),
    parameters: (route) => schemes.flatMap((s) => s.parameters?.(route) ?? []),
  })
}
