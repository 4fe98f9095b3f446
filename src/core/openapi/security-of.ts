import type { SecurityRequirement } from '../kernel/guard'
import type { ResolvedRoute } from '../kernel/route'

/** The security an operation demands: the nearest layer's `security`, or every guard's, all required. */
export function securityOf(route: ResolvedRoute): readonly SecurityRequirement[] {
  if (route.config.security) return route.config.security
  let combined: SecurityRequirement[] = [{}]
  for (const g of route.config.guards ?? []) {
    const alternatives = g.meta?.security
    if (!alternatives?.length) continue
    combined = combined.flatMap((req) => alternatives.map((alt) => ({ ...req, ...alt })))
  }
  return combined.length === 1 && Object.keys(combined[0]!).length === 0 ? [] : absorbed(combined)
}

/** Whether meeting `b` meets `a`: every scheme of `a` is in `b`, with at least its scopes. */
const covers = (b: SecurityRequirement, a: SecurityRequirement) =>
  Object.entries(a).every(([scheme, scopes]) => b[scheme] !== undefined && scopes.every((s) => b[scheme]!.includes(s)))

/**
 * The alternatives without duplicates and supersets (absorption: `(bearer or cookie) and (bearer or cookie)` is
 * `bearer or cookie`, not also "bearer and cookie"): the same set of requests passes, and the list reads as it means.
 */
function absorbed(alternatives: readonly SecurityRequirement[]): SecurityRequirement[] {
  const kept: SecurityRequirement[] = []
  alternatives.forEach((alt, i) => {
    const redundant = alternatives.some((other, j) => j !== i && covers(alt, other) && (!covers(other, alt) || j < i))
    if (!redundant) kept.push(alt)
  })
  return kept
}
