import type { HandlerSpec } from './handler'
import type { LayerConfig } from './layers'

/**
 * The handler spec's own options (its inputs, output and documentation), beside the layer options it shares
 * with routers; anything else a spec sets must be owned by a plugin. The type keeps the list whole.
 */
export const SPEC_OPTIONS: { readonly [K in Exclude<keyof HandlerSpec, keyof LayerConfig>]-?: 1 } = {
  query: 1,
  headers: 1,
  cookies: 1,
  body: 1,
  bodyType: 1,
  readBody: 1,
  response: 1,
  responseType: 1,
  inject: 1,
  status: 1,
  summary: 1,
  description: 1,
  operationId: 1,
  errors: 1,
  responses: 1,
  callbacks: 1,
  successHeaders: 1,
  respond: 1,
  exposesPrivate: 1,
}
