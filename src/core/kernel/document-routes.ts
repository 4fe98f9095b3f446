import type { RequestContext } from './context'
import { docsHtml } from './docs-html'
import { type DocsPage, documentFormRoutes, documentRoute } from './document-forms'
import { type DocumentSource, documentLoader } from './document-source'
import type { AnyHandler } from './handler'
import { toOpenApi32 } from './to-openapi-32'
import { toYaml } from './to-yaml'

export { type DocsPage, prefersHtml } from './document-forms'

/**
 * The routes that publish the OpenAPI document, each form derived from it in the Worker: `/` (the docs page for
 * browsers, the JSON otherwise), `/openapi.json`, `/openapi.yaml` and `/openapi-3.2.json` (its 3.2 twin: streams
 * described by `itemSchema`); none of them is in the document. The document is the object itself or a loader such
 * as `fromAssets('/openapi.json')` (read on first use, kept per isolate). Without a page of the app's own, a
 * built-in one (plain HTML, no script) is served at `/docs` and to browsers at `/`. A Worker whose build writes
 * every form into its static assets serves them with `assetDocumentRoutes()` instead and bundles none of the
 * code that derives them; an app that serves no document bundles neither.
 * @example createApp({ handlers: [...documentRoutes(document), ...handlers] })
 */
export function documentRoutes(source: DocumentSource, docsPage?: DocsPage): AnyHandler[] {
  const load = documentLoader(source)
  // Each form is derived from the immutable document once per isolate, on the first request that needs it.
  const once = (derive: (document: Record<string, unknown>) => string) => {
    let text: string | undefined
    return async (ctx: RequestContext) => (text ??= derive((await load(ctx)) as Record<string, unknown>))
  }
  const html = once(docsHtml)
  const builtIn = async (ctx: RequestContext) =>
    new Response(await html(ctx), { headers: { 'content-type': 'text/html; charset=utf-8' } })
  const routes = documentFormRoutes(
    {
      json: once((d) => JSON.stringify(d)),
      openapi32: once((d) => JSON.stringify(toOpenApi32(d))),
      yaml: once(toYaml),
    },
    docsPage ?? builtIn,
  )
  return docsPage ? routes : [documentRoute('/docs', 'openapiDocsPage', builtIn), ...routes]
}
