import type { RequestContext } from './context'
import { type DocsPage, documentFormRoutes } from './document-forms'
import { documentUnavailable, readAsset } from './document-source'
import type { AnyHandler } from './handler'

/**
 * The document routes of a Worker whose build wrote every form of its OpenAPI document into its static assets
 * (`edgestar document ... --out public/openapi.json --openapi32 public/openapi-3.2.json --yaml
 * public/openapi.yaml`, and `--html public/docs.html` for the built-in page): `/` (the page for browsers, the JSON
 * otherwise), `/openapi.json`, `/openapi-3.2.json` and `/openapi.yaml`, each the asset's bytes read through the
 * binding and answered with the API's headers (list the paths in wrangler.toml's `run_worker_first`). The Worker
 * bundles none of the code that derives the forms or writes a page. The page is the app's own, or the `/docs`
 * asset. A missing binding or file answers a 503 problem and logs which.
 * @example createApp({ handlers: [...assetDocumentRoutes(), ...handlers] })
 */
export function assetDocumentRoutes(docsPage?: DocsPage, binding = 'ASSETS'): AnyHandler[] {
  const asset = (path: string) => (ctx: RequestContext) => readAsset(ctx, path, binding).catch(documentUnavailable)
  const body = (path: string) => {
    const read = asset(path)
    return async (ctx: RequestContext) => (await read(ctx)).body
  }
  return documentFormRoutes(
    { json: body('/openapi.json'), openapi32: body('/openapi-3.2.json'), yaml: body('/openapi.yaml') },
    docsPage ?? asset('/docs'),
  )
}
