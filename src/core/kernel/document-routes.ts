import type { RequestContext } from './context'
import { docsHtml } from './docs-html'
import type { AnyHandler } from './handler'
import { toOpenApi32 } from './to-openapi-32'
import { toYaml } from './to-yaml'

/** Serves the human-readable reference page (HTML), e.g. from the Worker's static assets. */
export type DocsPage = (ctx: RequestContext) => Response | Promise<Response>

/** The q-value the most specific media range of an Accept header gives `type`; -1 when none matches. */
function quality(accept: string, type: string): number {
  const major = type.slice(0, type.indexOf('/'))
  let best = { rank: -1, q: -1 }
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    const rank = range === type ? 2 : range === `${major}/*` ? 1 : range === '*/*' ? 0 : -1
    if (rank <= best.rank) continue
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1)
    best = { rank, q: Number.isNaN(q) ? 0 : q }
  }
  return best.q
}

/**
 * Whether a client asked for HTML over JSON: browsers list text/html first; API clients send `*\/*`,
 * application/json or nothing, and keep getting the document. Ties go to JSON.
 * @example prefersHtml('text/html,application/json;q=0.9') // true
 */
export const prefersHtml = (accept: string | null): boolean =>
  !!accept && quality(accept, 'text/html') > Math.max(0, quality(accept, 'application/json'))

const route = (path: string, operationId: string, fn: AnyHandler['fn']): AnyHandler => ({
  kind: 'handler',
  method: 'GET',
  path,
  spec: { includeInSchema: false, operationId },
  fn,
})

/**
 * The routes that publish the OpenAPI document: `/` (the docs page for browsers, the JSON otherwise),
 * `/openapi.json`, `/openapi.yaml` and `/openapi-3.2.json` (its 3.2 twin: streams described by `itemSchema`); none
 * of them is in the document. Without a page of the app's own, a built-in one (plain HTML, no script) is served at
 * `/docs` and to browsers at `/`. An app that serves no document does not bundle them.
 * @example createApp({ handlers: [...documentRoutes(document), ...handlers] })
 */
export function documentRoutes(document: unknown, docsPage?: DocsPage): AnyHandler[] {
  const json = JSON.stringify(document)
  let html: string | undefined
  const builtIn = () => {
    html ??= docsHtml(document)
    return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } })
  }
  const page = docsPage ?? builtIn
  let yaml: string | undefined // derived from an immutable document once per isolate, on first request
  let v32: string | undefined
  const asJson = () => new Response(json, { headers: { 'content-type': 'application/json' } })
  const root = async (ctx: RequestContext) => {
    let response = asJson()
    if (page && prefersHtml(ctx.request.headers.get('accept'))) {
      const html = await page(ctx)
      response = new Response(html.body, html) // a fetched response's headers are immutable
    }
    response.headers.append('vary', 'Accept')
    return response
  }
  return [
    ...(docsPage ? [] : [route('/docs', 'openapiDocsPage', builtIn)]),
    route('/', 'openapiDocumentRoot', root),
    route('/openapi.json', 'openapiDocumentJson', asJson),
    route('/openapi-3.2.json', 'openapiDocument32', () => {
      v32 ??= JSON.stringify(toOpenApi32(document as Record<string, unknown>))
      return new Response(v32, { headers: { 'content-type': 'application/json' } })
    }),
    route('/openapi.yaml', 'openapiDocumentYaml', () => {
      yaml ??= toYaml(document as object)
      return new Response(yaml, { headers: { 'content-type': 'application/yaml; charset=utf-8' } })
    }),
  ]
}
