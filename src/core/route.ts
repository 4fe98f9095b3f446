import type { RouteInfo } from './context'
import type { Provider } from './di'
import type { AnyHandler, HandlerSpec, Method } from './handler'
import type { LayerConfig } from './layers'
import type { Middleware } from './middleware'

/** A route after the layers were merged: what extensions and the document generator read. */
export interface ResolvedRoute {
  readonly method: Method
  readonly path: string
  readonly handler: AnyHandler
  readonly spec: HandlerSpec
  /** The merged configuration of every enclosing layer and the handler itself. */
  readonly config: LayerConfig
  readonly info: RouteInfo
  /** Providers by dependency name, inner layers winning. */
  readonly providers: ReadonlyMap<string, Provider>
  /** Success status. */
  readonly status: number
}

/** A route plugin: turns layer options into a pipeline stage and documents what it adds. */
export interface Extension {
  readonly name: string
  /** Checks the route's configuration at app construction (throw to refuse) and returns its stage, if any. */
  readonly stage?: (route: ResolvedRoute) => Middleware | undefined
  /** Adds what the stage does to the route's OpenAPI operation. */
  readonly document?: (route: ResolvedRoute, operation: Record<string, unknown>) => void
}
