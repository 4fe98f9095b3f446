import type { ResolvedRoute } from '../kernel/route'

/**
 * How a plugin's stage appears in the OpenAPI document: what the generator writes into the operation of every route
 * whose stage of one of these names carries facts (`Stage.describe`: the values the stage settled at build, a TTL,
 * the policies). It lives apart from the plugin, in a module only the code that generates a document imports (the
 * generator, the `edgestar document` command, tests), so a Worker that serves requests bundles none of it. The
 * core's plugins' descriptions are built into the generator; an app passes its other plugins' own to
 * `generateDocument(app, info, { stageDescriptions })` (the document command reads the app module's
 * `stageDescriptions` export), and a stage with facts and no description stops the generator.
 * @example
 * const quotaDescription: StageDescription<{ limit: number }> = {
 *   stages: ['quota'],
 *   describe(operation, { limit }) {
 *     operation['x-quota'] = limit
 *   },
 * }
 */
export interface StageDescription<Facts = unknown> {
  /** The names of the stages it describes (`Stage.name`). */
  readonly stages: readonly string[]
  /** Adds what the stage does to the route's operation, from the facts the stage carries. */
  describe(operation: Record<string, unknown>, facts: Facts, route: ResolvedRoute): void
}
