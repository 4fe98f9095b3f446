import { assetDocumentRoutes, createApp, fromAssets } from '../core'
import { asyncApiRoute } from '../core/realtime'
import { tracing } from '../core/tracing'
import { api } from './api'

/**
 * The reference API as one app value: what the Worker serves (its OpenAPI document at `/`, the docs page to
 * browsers, its AsyncAPI document at `/asyncapi.json`, every form read from the static assets the build wrote) and
 * what tests drive through the testing kit. Traced on the runtime's own tracing (wrangler.toml
 * `[observability.traces]`); `api` (what the document scripts build in Node) is not, since `edge-api/tracing`
 * imports `cloudflare:workers`.
 */
export const app = createApp({
  ...api,
  plugins: [...(api.plugins ?? []), tracing()],
  handlers: [...assetDocumentRoutes(), asyncApiRoute(fromAssets('/asyncapi.json')), ...api.handlers],
})

export { asyncApiInfo, info } from './api'
