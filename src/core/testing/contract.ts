import { parseMediaType } from '../kernel/media-type'
import { type SchemaCheck, schemaCheck } from './contract-schema'
import { checkItems, STREAM_KINDS } from './contract-stream'

type Json = Record<string, unknown>

/** Checks one exchange against the document: the response unchanged, or with a body that checks each streamed item. */
export type ContractCheck = (request: Request, response: Response) => Promise<Response>

/**
 * Headers no operation declares, yet any response may carry; every other header the server sends must be declared
 * on the response it came with. Kept short, each for a reason:
 * - `content-type`, `content-length`, `content-encoding`: the representation's metadata, which `content` describes;
 * - `date`, `vary`: HTTP-wide (`vary` names the request headers a cache must key on, not a value for clients);
 * - `connection`: hop-by-hop (RFC 9110 §7.6.1), meant for the next hop, never part of an operation;
 * - `access-control-*`: CORS, the browser's protocol answered per origin (OpenAPI has no place for it);
 * - the browser policy headers `securityHeaders()` puts on every response (they instruct browsers, not clients);
 * - `x-request-id`, `server-timing`: diagnostics the app-wide middleware adds to every answer, 404s included.
 */
export const UNDECLARED_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'date',
  'connection',
  'vary',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'strict-transport-security',
  'content-security-policy',
  'x-request-id',
  'server-timing',
])

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/

interface Operation {
  readonly id: string
  readonly responses: Json
}

const asJson = (x: unknown): Json | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined

const segment = (s: string, tail: boolean) =>
  /^\{[^}]+\}$/.test(s) ? (tail ? '.+' : '[^/]+') : s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')

/**
 * The document's path templates as patterns, those with fewer parameters first (`/posts/live` before
 * `/posts/{id}`); a template's last parameter may also stand for a tail of segments (a `:key+` route), tried last.
 */
function pathPatterns(paths: Json): { template: string; pattern: RegExp; rank: number }[] {
  const out = Object.keys(paths).flatMap((template) => {
    const segments = template.split('/')
    const params = segments.filter((s) => s.startsWith('{')).length
    const as = (tail: boolean) =>
      new RegExp(`^${segments.map((s, i) => segment(s, tail && i === segments.length - 1)).join('/')}$`)
    return [
      { template, pattern: as(false), rank: params },
      { template, pattern: as(true), rank: params + 100 },
    ]
  })
  return out.sort((a, b) => a.rank - b.rank)
}

/** A media type without its parameters, in lower case; a document key like `image/*` stays as it is. */
const essenceOf = (type: string): string => parseMediaType(type)?.essence ?? type.toLowerCase()

/**
 * The contract check of an OpenAPI 3.1 (or 3.2) document: a response to one of its operations must have a
 * declared status, carry only declared headers (and those of `UNDECLARED_HEADERS`), a declared media type, and a
 * body that validates against its schema; a sequential media type (SSE, NDJSON) is checked item by item against
 * its `itemSchema` (`x-itemSchema` in a 3.1 document) as the test reads it. A request outside the document (an
 * unknown path or method, a preflight, a HEAD the document has no `head` operation for) has nothing to be checked
 * against; a response the document gives no `content` is not checked for its body.
 * @example const check = contractCheck(document); response = await check(request, response)
 */
export function contractCheck(document: Json): ContractCheck {
  const paths = asJson(document.paths) ?? {}
  const patterns = pathPatterns(paths)
  const components = asJson(document.components) ?? {}
  const sharedResponses = asJson(components.responses) ?? {}
  const check: SchemaCheck = schemaCheck(document)

  const operationOf = (method: string, pathname: string): Operation | undefined => {
    for (const { template, pattern } of patterns) {
      if (!pattern.test(pathname)) continue
      const item = asJson(paths[template]) ?? {}
      const op = asJson(item[method.toLowerCase()])
      if (!op) return undefined
      return { id: `${String(op.operationId)} (${method} ${template})`, responses: asJson(op.responses) ?? {} }
    }
    return undefined
  }
  const resolve = (response: Json | undefined): Json | undefined => {
    const ref = response?.$ref
    return typeof ref === 'string' ? asJson(sharedResponses[ref.split('/').pop() ?? '']) : response
  }

  return async (request, response) => {
    const url = new URL(request.url)
    const op = operationOf(request.method, url.pathname)
    if (!op) return response
    const at = `${op.id} answered ${response.status}`
    const status = String(response.status)
    const declared = resolve(
      asJson(op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default) ?? undefined,
    )
    if (!declared)
      throw new Error(
        `contract: ${at}, a status its document does not declare (declared: ${Object.keys(op.responses).join(', ')})`,
      )

    const headers = new Set(Object.keys(asJson(declared.headers) ?? {}).map((h) => h.toLowerCase()))
    const extra = [...response.headers.keys()].filter(
      (h) => !headers.has(h) && !UNDECLARED_HEADERS.has(h) && !h.startsWith('access-control-'),
    )
    if (extra.length)
      throw new Error(`contract: ${at} with header(s) ${extra.join(', ')}, which that response does not declare`)

    const type = response.headers.get('content-type')
    if (!type || response.status === 101) return response
    const content = asJson(declared.content) ?? {}
    const essence = essenceOf(type)
    const key = Object.keys(content).find((k) => essenceOf(k) === essence)
    // A response the document gives no content says nothing about its body (a handler without a response schema).
    if (!key) {
      if (!response.body || !Object.keys(content).length) return response
      throw new Error(
        `contract: ${at} with a ${essence} body, which that response does not declare (declared: ${Object.keys(content).join(', ') || 'no body'})`,
      )
    }
    const media = asJson(content[key]) ?? {}
    const stream = STREAM_KINDS[essence]
    const itemSchema = media.itemSchema ?? media['x-itemSchema']
    if (stream && itemSchema) return checkItems(response, stream, (item) => check(itemSchema, item), at)
    if (!JSON_TYPE.test(essence)) return response
    const text = await response.clone().text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new Error(`contract: ${at} with a ${essence} body that is not JSON: ${text.slice(0, 200)}`)
    }
    const problems = check(media.schema, body)
    if (problems.length)
      throw new Error(`contract: ${at} with a ${essence} body that does not match its schema: ${problems.join('; ')}`)
    return response
  }
}
