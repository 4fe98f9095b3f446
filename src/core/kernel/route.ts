import type { RouteInfo } from './context'
import type { DeprecationFacts } from './deprecation-notice'
import type { Provider } from './di'
import type { AnyHandler, HandlerSpec, Method } from './handler'
import type { LayerConfig } from './layers'
import type { Stage } from './stage'

/** A route after the layers were merged: what plugins and the document generator read. */
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
  /** The merged `deprecated` option: what `deprecation()` checked and the headers it made (`{}` for `true`). */
  readonly deprecation?: DeprecationFacts
}

/** A route of a built app: its merged configuration and the plugin stages its pipeline runs, in order. */
export interface AppRoute extends ResolvedRoute {
  readonly stages: readonly Stage[]
}
