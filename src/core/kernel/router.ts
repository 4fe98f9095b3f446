import type { AnyHandler } from './handler'
import type { LayerConfig } from './layers'

/** A router: layer configuration plus the handlers and routers it groups. */
export interface Router {
  readonly kind: 'router'
  readonly config: LayerConfig
  readonly children: readonly (AnyHandler | Router)[]
}

/** A router's options: any layer option, and its children. */
export interface RouterOptions extends LayerConfig {
  readonly handlers: readonly (AnyHandler | Router)[]
}

/**
 * Groups handlers and routers under shared configuration their routes inherit.
 * @example router({ path: '/widgets', tags: ['widgets'], guards: [authenticated], handlers: [createWidget] })
 */
export function router(options: RouterOptions): Router {
  const { handlers, ...config } = options
  return { kind: 'router', config, children: handlers }
}
