import { statusTitle } from '../kernel/errors'
import type { AppRoute } from '../kernel/route'

/**
 * The HTTP refusals a channel or stream can answer before it opens, for its description: AsyncAPI has no place
 * for the handshake's responses, which the OpenAPI document holds as the route's operation.
 */
export function refusalsOf(route: AppRoute, what: 'upgrade' | 'stream'): string | undefined {
  const { spec, config } = route
  const statuses = new Set<number>(spec.errors ?? [])
  if (spec.params || spec.query || spec.headers || spec.cookies) statuses.add(400)
  for (const g of config.guards ?? []) for (const s of g.meta?.errors ?? []) statuses.add(s)
  if (!statuses.size) return undefined
  const listed = [...statuses]
    .sort((a, b) => a - b)
    .map((s) => `${s} ${statusTitle(s)}`)
    .join(', ')
  const opened = what === 'upgrade' ? 'Before the upgrade (101 Switching Protocols)' : 'Before the stream opens'
  return `${opened}, a request may be refused with an \`application/problem+json\` answer: ${listed} (operation \`${route.info.operationId}\` of the OpenAPI document).`
}
