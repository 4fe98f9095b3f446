import type * as v from 'valibot'
import type { App } from '../kernel/app'
import { type HeaderDocs, takeEveryResponseHeaders } from '../kernel/document-headers'
import { statusTitle } from '../kernel/errors'
import { appliesTo } from '../kernel/middleware'
import type { ResolvedRoute } from '../kernel/route'
import { OPTIONAL_WRAPPERS } from '../kernel/schema-wrappers'
import { callbacksOf, outboundSchemas, webhooksOf } from './callbacks-document'
import { canonicalHeaders } from './canonical-headers'
import { checkPrivateOnce } from './check-private'
import { documentDeprecation } from './deprecation-document'
import { stageDescriber } from './describe-stages'
import { canonicalHeaderName } from './header-name'
import { addMediaExamples } from './media-examples'
import { Problem, ValidationProblem } from './problem-schemas'
import { pruneUnusedSchemas } from './prune-schemas'
import { collectNamed, type Mode, SchemaConverter } from './schemas'
import { securityOf } from './security-of'
import { responseName, sharedResponse } from './shared-responses'
import type { StageDescription } from './stage-description'
import { EVENT_STREAM_HEADERS, eventsMedia, linesMedia, SEQUENTIAL_TYPES } from './stream-media'

/** What the document says about the API as a whole. */
export interface DocumentInfo {
  readonly title: string
  readonly version: string
  readonly description?: string
  /** Who answers for the API: the document's `info.contact`. */
  readonly contact?: { readonly name?: string; readonly url?: string; readonly email?: string }
  readonly servers?: readonly { url: string; description?: string }[]
  readonly tags?: readonly { name: string; description?: string }[]
  readonly securitySchemes?: Readonly<Record<string, unknown>>
}

/** How the document is made, beyond what the app says. */
export interface DocumentOptions {
  /** How the stages of the app's own (not the core's) plugins appear in the document: their `StageDescription`s. */
  readonly stageDescriptions?: readonly StageDescription[]
}

type Json = Record<string, unknown>
type Entries = Readonly<Record<string, v.GenericSchema & { type: string }>>

const mediaTypes = (t: string | readonly string[]): readonly string[] => (typeof t === 'string' ? [t] : t)
const contentOf = (types: readonly string[], schema: unknown, example?: unknown): Json =>
  Object.fromEntries(types.map((t) => [t, example === undefined ? { schema } : { schema, example }]))
const toOpenApiPath = (path: string) => path.replace(/:(\w+)\+?/g, '{$1}').replace(/\*/g, '{wildcard}')

/** Every error status a route can answer with. */
function errorStatuses(route: ResolvedRoute): number[] {
  const { spec, config } = route
  const out = new Set<number>(spec.errors ?? [])
  // A path parameter is percent-decoded even without a schema: a malformed encoding answers 400 naming it.
  if (spec.params || spec.query || spec.headers || spec.cookies || spec.body || route.path.includes(':')) out.add(400)
  if (spec.body) for (const s of [413, 415]) out.add(s)
  for (const g of config.guards ?? []) for (const s of g.meta?.errors ?? []) out.add(s)
  for (const m of config.middleware ?? [])
    if (appliesTo(m, route.path)) for (const s of m.meta?.errors ?? []) out.add(s)
  out.add(500)
  return [...out].sort((a, b) => a - b)
}

/**
 * Generates the OpenAPI 3.1 document from an app's routes: one source for validation and documentation.
 * A stage whose description it lacks stops it, naming the route and the stage (see `StageDescription`).
 * @example const document = generateDocument(app, { title: 'Widgets', version: '1.0.0' })
 */
export function generateDocument(app: App, info: DocumentInfo, options: DocumentOptions = {}): Json {
  checkPrivateOnce(app)
  const describeStages = stageDescriber(options.stageDescriptions)
  const routes = app.routes.filter((r) => r.config.includeInSchema !== false)
  const named = new Map<string, v.GenericSchema>([
    ['Problem', Problem],
    ['ValidationProblem', ValidationProblem],
  ])
  const roots: v.GenericSchema[] = []
  for (const { spec } of routes) {
    for (const s of [spec.params, spec.query, spec.headers, spec.cookies, spec.body, spec.response])
      if (s) roots.push(s)
    for (const r of Object.values(spec.responses ?? {})) if (r.schema) roots.push(r.schema)
    for (const e of Object.values(spec.events ?? {})) roots.push(e)
    roots.push(...outboundSchemas(Object.values(spec.callbacks ?? {})))
  }
  // Requests the app's plugins send to receivers outside it (an events() webhook).
  const webhooks = (app.options.plugins ?? []).flatMap((p) => Object.entries(p.webhooks ?? {}))
  roots.push(...outboundSchemas(webhooks.map(([, w]) => w)))
  collectNamed(roots, named)
  const conv = new SchemaConverter(named)
  const schema = (s: v.GenericSchema, mode: Mode) => conv.convert(s, mode)
  // Shared responses by name: one per error status, and one per status and set of headers every response carries.
  const shared = new Map<string, Json>()
  const used = new Set<string>()
  const paths: Record<string, Json> = {}
  const tags = new Set<string>()
  // Schemes come from the guards that demand them (auth building blocks declare theirs), plus any in `info`.
  const securitySchemes: Record<string, unknown> = { ...(info.securitySchemes ?? {}) }
  // Headers said once in `components.headers` and referenced; a second, different text for a name stays inline.
  const headerComponents: Record<string, unknown> = {}
  const refHeaders = (docs: HeaderDocs): Json =>
    Object.fromEntries(
      Object.entries(docs).map(([name, doc]) => {
        const canonical = canonicalHeaderName(name)
        const known = headerComponents[canonical] as HeaderDocs[string] | undefined
        if (known && known.description !== doc.description) return [canonical, doc]
        headerComponents[canonical] = doc
        return [canonical, { $ref: `#/components/headers/${canonical}` }]
      }),
    )

  for (const route of routes) {
    const { spec } = route
    const parameters: Json[] = []
    const addParams = (where: string, s: v.GenericSchema | undefined) => {
      const entries = (s as unknown as { entries?: Entries } | undefined)?.entries
      if (!entries) return
      for (const [name, entry] of Object.entries(entries)) {
        const json = schema(entry, 'input') as Json
        const { description, ...rest } = json
        parameters.push({
          name,
          in: where,
          required: where === 'path' || !OPTIONAL_WRAPPERS.has(entry.type),
          ...(description ? { description } : {}),
          schema: rest,
        })
      }
    }
    addParams('path', spec.params)
    if (!spec.params)
      for (const m of route.path.matchAll(/:(\w+)/g))
        parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })
    addParams('query', spec.query)
    addParams('header', spec.headers)
    addParams('cookie', spec.cookies)
    for (const g of route.config.guards ?? []) parameters.push(...(g.meta?.parameters?.(route) ?? []))

    const responses: Json = {}
    const success: Json = { description: statusTitle(route.status) }
    const sequential = typeof spec.responseType === 'string' && SEQUENTIAL_TYPES.has(spec.responseType)
    if (spec.response && sequential && typeof spec.responseType === 'string')
      success.content = { [spec.responseType]: linesMedia(spec.response, conv) }
    else if (spec.response)
      success.content = contentOf(mediaTypes(spec.responseType ?? 'application/json'), schema(spec.response, 'output'))
    else if (spec.responseType)
      success.content = contentOf(mediaTypes(spec.responseType), { type: 'string', format: 'binary' })
    if (spec.events) success.content = { 'text/event-stream': eventsMedia(spec.events, conv) }
    if (spec.events) success.headers = { ...EVENT_STREAM_HEADERS }
    if (spec.successHeaders)
      success.headers = { ...(success.headers as Json), ...headerDocs(spec.successHeaders, conv) }
    responses[String(route.status)] = success
    for (const [status, doc] of Object.entries(spec.responses ?? {})) {
      responses[status] = {
        description: doc.description,
        ...(doc.schema
          ? {
              content: contentOf(
                mediaTypes(doc.contentType ?? 'application/json'),
                schema(doc.schema, 'output'),
                doc.example,
              ),
            }
          : {}),
        ...(doc.headers ? { headers: headerDocs(doc.headers, conv) } : {}),
      }
    }
    for (const status of errorStatuses(route)) {
      responses[String(status)] ??= { $ref: `#/components/responses/${responseName(status)}` }
    }

    const operation: Json = {
      operationId: route.info.operationId,
      summary: spec.summary ?? `${route.method} ${route.path}`,
      ...(spec.description ? { description: spec.description } : {}),
      ...(route.info.tags.length ? { tags: [...route.info.tags] } : {}),
      ...(parameters.length ? { parameters } : {}),
    }
    for (const t of route.info.tags) tags.add(t)
    if (spec.body) {
      const body = schema(spec.body, 'input')
      const types =
        spec.bodyType === 'form'
          ? JSON.stringify(body).includes('"format":"binary"')
            ? ['multipart/form-data']
            : ['application/x-www-form-urlencoded', 'multipart/form-data']
          : spec.bodyType === 'text'
            ? ['text/plain']
            : // Any `+json` type is read as JSON; a PATCH says the one a partial update is sent as (RFC 7396).
              route.method === 'PATCH'
              ? ['application/json', 'application/merge-patch+json']
              : ['application/json']
      const optional = OPTIONAL_WRAPPERS.has((spec.body as { type: string }).type)
      operation.requestBody = {
        required: !optional,
        content: Object.fromEntries(types.map((t) => [t, { schema: body }])),
      }
    }
    operation.responses = responses
    if (spec.callbacks) operation.callbacks = callbacksOf(`Route ${route.method} ${route.path}`, spec.callbacks, conv)
    operation.security = securityOf(route)
    for (const g of route.config.guards ?? []) Object.assign(securitySchemes, g.meta?.securitySchemes)
    describeStages(route, operation)
    documentDeprecation(operation, route.deprecation)
    onEveryResponseOf(route, operation, refHeaders, shared)
    for (const [status, res] of Object.entries(operation.responses as Json)) {
      const ref = (res as Json).$ref
      if (typeof ref !== 'string' || !ref.startsWith('#/components/responses/')) continue
      const name = ref.slice('#/components/responses/'.length)
      if (!shared.has(name)) shared.set(name, sharedResponse(Number(status), refHeaders))
      used.add(name)
    }
    const key = toOpenApiPath(route.path)
    paths[key] = { ...paths[key], [route.method.toLowerCase()]: operation }
  }

  const componentResponses: Json = {}
  // Sorted by status, then name: the problem example of each says its status.
  const statusOf = (name: string) =>
    Number(JSON.stringify(shared.get(name)?.content).match(/"status":(\d{3})/)?.[1] ?? 0)
  for (const name of [...used].sort((a, b) => statusOf(a) - statusOf(b) || a.localeCompare(b)))
    componentResponses[name] = shared.get(name)
  const knownTags = new Map((info.tags ?? []).map((t) => [t.name, t]))
  const document: Json = {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
      ...(info.contact ? { contact: info.contact } : {}),
    },
    ...(info.servers ? { servers: info.servers } : {}),
    tags: [...new Set([...knownTags.keys(), ...tags])].map((name) => knownTags.get(name) ?? { name }),
    paths,
    ...(webhooks.length ? { webhooks: webhooksOf(webhooks, conv) } : {}),
    components: {
      schemas: conv.components(),
      responses: componentResponses,
      ...(Object.keys(headerComponents).length ? { headers: sortedKeys(headerComponents) } : {}),
      ...(Object.keys(securitySchemes).length ? { securitySchemes: sortedKeys(securitySchemes) } : {}),
    },
  }
  canonicalHeaders(document)
  addMediaExamples(document)
  pruneUnusedSchemas(document)
  return document
}

const sortedKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)))

/**
 * Puts the headers every response of the operation carries (the layers' `responseHeaders`, the middleware's and
 * the stages' declarations) on each of its responses; a shared response becomes its own copy to take them.
 */
function onEveryResponseOf(
  route: ResolvedRoute,
  operation: Json,
  refHeaders: (docs: HeaderDocs) => Json,
  shared: Map<string, Json>,
): void {
  const every: Record<string, HeaderDocs[string]> = {}
  for (const name of Object.keys(route.config.responseHeaders ?? {}))
    every[name] = { description: 'Set on every response of this operation', schema: { type: 'string' } }
  for (const g of route.config.guards ?? []) Object.assign(every, g.meta?.responseHeaders)
  for (const m of route.config.middleware ?? [])
    if (appliesTo(m, route.path)) Object.assign(every, m.meta?.responseHeaders?.(route))
  Object.assign(every, takeEveryResponseHeaders(operation))
  if (!Object.keys(every).length) return
  const responses = operation.responses as Record<string, Json>
  const names = Object.keys(every).map(canonicalHeaderName).sort()
  // A response's own text for a header wins; the common ones follow its own.
  const missing = (response: Json): HeaderDocs => {
    const own = new Set(Object.keys((response.headers as Json | undefined) ?? {}).map((h) => h.toLowerCase()))
    return Object.fromEntries(Object.entries(every).filter(([name]) => !own.has(name.toLowerCase())))
  }
  for (const [status, response] of Object.entries(responses)) {
    if (typeof response.$ref !== 'string') {
      responses[status] = {
        ...response,
        headers: { ...(response.headers as Json | undefined), ...refHeaders(missing(response)) },
      }
      continue
    }
    // A shared response with these headers is shared too, named after them: `NotFoundWithRateLimitRateLimitPolicy`.
    const name = `${String(response.$ref).split('/').pop()}With${names.join('').replace(/[^A-Za-z0-9]/g, '')}`
    if (!shared.has(name)) {
      const own = sharedResponse(Number(status), refHeaders)
      shared.set(name, { ...own, headers: { ...(own.headers as Json | undefined), ...refHeaders(missing(own)) } })
    }
    // A reference's own description (when this operation answers it) stays beside it.
    const said = typeof response.description === 'string' ? { description: response.description } : {}
    responses[status] = { $ref: `#/components/responses/${name}`, ...said }
  }
}

function headerDocs(
  headers: Readonly<Record<string, { description: string; schema?: v.GenericSchema }>>,
  conv: SchemaConverter,
): Json {
  const out: Json = {}
  for (const [name, h] of Object.entries(headers))
    out[name] = { description: h.description, schema: h.schema ? conv.convert(h.schema, 'output') : { type: 'string' } }
  return out
}
