import type { AnyHandler } from '../kernel/handler'

/**
 * Serves a committed AsyncAPI document at `/asyncapi.json` (generated at build time, like the OpenAPI one).
 * @example createApp({ handlers: [asyncApiRoute(asyncapi), ...handlers] })
 */
export function asyncApiRoute(document: unknown, path = '/asyncapi.json'): AnyHandler {
  const json = JSON.stringify(document)
  return {
    kind: 'handler',
    method: 'GET',
    path,
    spec: { includeInSchema: false, operationId: 'asyncapiDocument', security: [] },
    fn: () => new Response(json, { headers: { 'content-type': 'application/json' } }),
  }
}
