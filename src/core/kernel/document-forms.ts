import type { RequestContext } from './context'
import type { AnyHandler } from './handler'

/** Serves the human-readable reference page (HTML), e.g. from the Worker's static assets. */
export type DocsPage = (ctx: RequestContext) => Response | Promise<Response>

/** One form of the document: the body of its response, read or derived when a request asks for it. */
export type DocumentForm = (ctx: RequestContext) => Promise<BodyInit | null>

/** The forms the document routes serve: the OpenAPI 3.1 JSON, its 3.2 twin and its YAML. */
export interface DocumentForms {
  readonly json: DocumentForm
  readonly openapi32: DocumentForm
  readonly yaml: DocumentForm
}

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

/** A GET route of the document's own, left out of the document. */
export const documentRoute = (path: string, operationId: string, fn: AnyHandler['fn']): AnyHandler => ({
  kind: 'handler',
  method: 'GET',
  path,
  spec: { includeInSchema: false, operationId },
  fn,
})

const send = (form: DocumentForm, type: string) => async (ctx: RequestContext) =>
  new Response(await form(ctx), { headers: { 'content-type': type } })

/**
 * The routes that serve a document's forms, wherever they come from: `/` (the page for browsers, the JSON
 * otherwise, with `Vary: Accept`), `/openapi.json`, `/openapi-3.2.json` and `/openapi.yaml`.
 */
export function documentFormRoutes(forms: DocumentForms, page: DocsPage): AnyHandler[] {
  const json = send(forms.json, 'application/json')
  const root = async (ctx: RequestContext) => {
    let response: Response
    if (prefersHtml(ctx.request.headers.get('accept'))) {
      const html = await page(ctx)
      response = new Response(html.body, html) // a fetched response's headers are immutable
    } else response = await json(ctx)
    response.headers.append('vary', 'Accept')
    return response
  }
  return [
    documentRoute('/', 'openapiDocumentRoot', root),
    documentRoute('/openapi.json', 'openapiDocumentJson', json),
    documentRoute('/openapi-3.2.json', 'openapiDocument32', send(forms.openapi32, 'application/json')),
    documentRoute('/openapi.yaml', 'openapiDocumentYaml', send(forms.yaml, 'application/yaml; charset=utf-8')),
  ]
}
