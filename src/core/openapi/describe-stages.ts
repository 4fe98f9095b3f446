import { cacheDescription } from '../cache/cache-document'
import { idempotencyDescription } from '../idempotency/idempotency-document'
import type { AppRoute } from '../kernel/route'
import { rateLimitDescription } from '../rate-limit/rate-limit-document'
import type { StageDescription } from './stage-description'

/** The descriptions of the core's own plugins' stages, which every generated document applies. */
const CORE_DESCRIPTIONS: readonly StageDescription[] = [idempotencyDescription, rateLimitDescription, cacheDescription]

/**
 * Writes each described stage of a route into its operation, by the stage's name. A stage that carries facts but
 * has no description throws, naming the route and the stage: the document would otherwise leave out what the
 * stage does (its headers, its refusals) and the contract would check responses against less than the API sends.
 */
export function stageDescriber(
  own: readonly StageDescription[] = [],
): (route: AppRoute, operation: Record<string, unknown>) => void {
  const byName = new Map<string, StageDescription>()
  for (const description of [...CORE_DESCRIPTIONS, ...own])
    for (const name of description.stages) {
      if (byName.has(name)) throw new Error(`The stage "${name}" has two descriptions: give the generator one`)
      byName.set(name, description)
    }
  return (route, operation) => {
    for (const stage of route.stages) {
      if (stage.describe === undefined) continue
      const description = byName.get(stage.name)
      if (!description)
        throw new Error(
          `Route ${route.method} ${route.path}: the stage "${stage.name}" has no description, so the document would ` +
            "leave out what it does: pass its plugin's StageDescription to generateDocument(app, info, " +
            "{ stageDescriptions }) (edgestar document reads the app module's `stageDescriptions` export)",
        )
      description.describe(operation, stage.describe, route)
    }
  }
}
