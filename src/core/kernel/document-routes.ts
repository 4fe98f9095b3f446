import type { RequestContext } from './context'
import { docsHtml } from './docs-html'
import { type DocumentSource, documentLoader } from './document-source'
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
 * of them is in the document. The document is the object itself or a loader such as `fromAssets('/openapi.json')`
 * (read on first use, kept per isolate). Without a page of the app's own, a built-in one (plain HTML, no script) is
 * served at `/docs` and to browsers at `/`. An app that serves no document does not bundle them.
 * @example createApp({ handlers: [...documentRoutes(document), ...handlers] })
 */
export function documentRoutes(source: DocumentSource, docsPage?: DocsPage): AnyHandler[] {
  const load = documentLoader(source)
  // Each form is derived from the immutable document once per isolate, on the first request that needs it.
  const once = (derive: (document: Record<string, unknown>) => string) => {
    let text: string | undefined
    return async (ctx: RequestContext) => (text ??= derive((await load(ctx)) as Record<string, unknown>))
  }
  const json = once((d) => JSON.stringify(d))
  const html = once(docsHtml)
  const v32 = once((d) => JSON.stringify(toOpenApi32(d)))
  const yaml = once(toYaml)
  const send = (body: string, type: string) => new Response(body, { headers: { 'content-type': type } })
  const builtIn = async (ctx: RequestContext) => send(await html(ctx), 'text/html; charset=utf-8')
  const page = docsPage ?? builtIn
  const asJson = async (ctx: RequestContext) => send(await json(ctx), 'application/json')
  const root = async (ctx: RequestContext) => {
    let response: Response
    if (prefersHtml(ctx.request.headers.get('accept'))) {
      const html = await page(ctx)
      response = new Response(html.body, html) // a fetched response's headers are immutable
    } else response = await asJson(ctx)
    response.headers.append('vary', 'Accept')
    return response
  }
  return [
    ...(docsPage ? [] : [route('/docs', 'openapiDocsPage', builtIn)]),
    route('/', 'openapiDocumentRoot', root),
    route('/openapi.json', 'openapiDocumentJson', asJson),
    route('/openapi-3.2.json', 'openapiDocument32', async (ctx) => send(await v32(ctx), 'application/json')),
    route('/openapi.yaml', 'openapiDocumentYaml', async (ctx) =>
      send(await yaml(ctx), 'application/yaml; charset=utf-8'),
    ),
  ]
}
