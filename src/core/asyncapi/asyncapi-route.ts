import { type DocumentSource, documentLoader } from '../kernel/document-source'
import { type AnyHandler, get } from '../kernel/handler'

type Json = Record<string, unknown>
const SECURE: Readonly<Record<string, string>> = { ws: 'wss', http: 'https' }
const PLAIN: Readonly<Record<string, string>> = { wss: 'ws', https: 'http' }

/** The document's servers as the host serving it: its host, and the plain protocols when it is served over http. */
function servedBy(servers: Json, url: URL): Json {
  const secure = url.protocol === 'https:'
  return Object.fromEntries(
    Object.entries(servers).map(([name, server]) => {
      const s = server as Json
      const protocol = String(s.protocol)
      return [name, { ...s, host: url.host, protocol: (secure ? SECURE[protocol] : PLAIN[protocol]) ?? protocol }]
    }),
  )
}

/**
 * Serves a committed AsyncAPI document at `/asyncapi.json` (generated at build time, like the OpenAPI one; the
 * object or a loader such as `fromAssets('/asyncapi.json')`), its `servers` naming the host that serves it (the
 * committed file says where `wrangler dev` listens), so a client that reads it from a deployment connects to that
 * deployment.
 * @example createApp({ handlers: [asyncApiRoute(asyncapi), ...handlers] })
 */
export function asyncApiRoute(source: DocumentSource, path = '/asyncapi.json'): AnyHandler {
  const load = documentLoader(source)
  return get(path, { includeInSchema: false, operationId: 'asyncapiDocument', security: [] }, async (ctx) => {
    const doc = await load(ctx)
    const servers = (doc.servers ?? {}) as Json
    return new Response(JSON.stringify({ ...doc, servers: servedBy(servers, ctx.url) }), {
      headers: { 'content-type': 'application/json' },
    })
  })
}
