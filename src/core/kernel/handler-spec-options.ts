import type { HandlerSpec } from './handler'
import type { LayerConfig } from './layers'

/** The schemas of a handler spec the `validation()` plugin checks (with `params`, a layer option it owns). */
export type SchemaOption = 'query' | 'headers' | 'cookies' | 'body' | 'response'

/** The spec's schemas: set only in an app with the `validation()` plugin. */
export const SCHEMA_OPTIONS: { readonly [K in SchemaOption]-?: 1 } = {
  query: 1,
  headers: 1,
  cookies: 1,
  body: 1,
  response: 1,
}

/**
 * The handler spec's own options (how its body is read, its injections and documentation), beside its schemas and
 * the layer options it shares with routers; anything else a spec sets must be owned by a plugin. The type keeps
 * the list whole.
 */
export const SPEC_OPTIONS: { readonly [K in Exclude<keyof HandlerSpec, keyof LayerConfig | SchemaOption>]-?: 1 } = {
  bodyType: 1,
  readBody: 1,
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
