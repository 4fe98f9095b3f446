import * as v from 'valibot'
import type { App } from '../kernel/app'
import { statusTitle } from '../kernel/errors'
import type { SecurityRequirement } from '../kernel/guard'
import { appliesTo } from '../kernel/middleware'
import type { ResolvedRoute } from '../kernel/route'
import { OPTIONAL_WRAPPERS } from '../kernel/schema-wrappers'
import { canonicalHeaders } from './canonical-headers'
import { addMediaExamples } from './media-examples'
import { Problem, ValidationProblem } from './problem-schemas'
import { pruneUnusedSchemas } from './prune-schemas'
import { collectNamed, type Mode, SchemaConverter } from './schemas'

/** What the document says about the API as a whole. */
export interface DocumentInfo {
  readonly title: string
  readonly version: string
  readonly description?: string
  readonly servers?: readonly { url: string; description?: string }[]
  readonly tags?: readonly { name: string; description?: string }[]
  readonly securitySchemes?: Readonly<Record<string, unknown>>
}

type Json = Record<string, unknown>
type Entries = Readonly<Record<string, v.GenericSchema & { type: string }>>
const PROBLEM = 'application/problem+json'

const responseName = (status: number) =>
  (status === 400 ? 'ValidationFailed' : statusTitle(status).replace(/[^A-Za-z]/g, '')) || `Status${status}`
const mediaTypes = (t: string | readonly string[]): readonly string[] => (typeof t === 'string' ? [t] : t)
const contentOf = (types: readonly string[], schema: unknown): Json =>
  Object.fromEntries(types.map((t) => [t, { schema }]))
const toOpenApiPath = (path: string) => path.replace(/:(\w+)\+?/g, '{$1}').replace(/\*/g, '{wildcard}')

/** The security an operation demands: the nearest layer's `security`, or every guard's, all required. */
function securityOf(route: ResolvedRoute): readonly SecurityRequirement[] {
  if (route.config.security) return route.config.security
  let combined: SecurityRequirement[] = [{}]
  for (const g of route.config.guards ?? []) {
    const alternatives = g.meta?.security
    if (!alternatives?.length) continue
    combined = combined.flatMap((req) => alternatives.map((alt) => ({ ...req, ...alt })))
  }
  return combined.length === 1 && Object.keys(combined[0]!).length === 0 ? [] : combined
}

/** Every error status a route can answer with. */
function errorStatuses(route: ResolvedRoute): number[] {
  const { spec, config } = route
  const out = new Set<number>(spec.errors ?? [])
  if (spec.params || spec.query || spec.headers || spec.cookies || spec.body) out.add(400)
  if (spec.body) for (const s of [413, 415]) out.add(s)
  for (const g of config.guards ?? []) for (const s of g.meta?.errors ?? []) out.add(s)
  for (const m of config.middleware ?? [])
    if (appliesTo(m, route.path)) for (const s of m.meta?.errors ?? []) out.add(s)
  out.add(500)
  return [...out].sort((a, b) => a - b)
}

/**
 * Generates the OpenAPI 3.1 document from an app's routes: one source for validation and documentation.
 * @example const document = generateDocument(app, { title: 'Widgets', version: '1.0.0' })
 */
export function generateDocument(app: App, info: DocumentInfo): Json {
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
  }
  collectNamed(roots, named)
  const conv = new SchemaConverter(named)
  const schema = (s: v.GenericSchema, mode: Mode) => conv.convert(s, mode)
  const usedErrors = new Set<number>()
  const paths: Record<string, Json> = {}
  const tags = new Set<string>()
  // Schemes come from the guards that demand them (auth building blocks declare theirs), plus any in `info`.
  const securitySchemes: Record<string, unknown> = { ...(info.securitySchemes ?? {}) }

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

    const responses: Json = {}
    const success: Json = { description: statusTitle(route.status) }
    if (spec.response)
      success.content = contentOf(mediaTypes(spec.responseType ?? 'application/json'), schema(spec.response, 'output'))
    else if (spec.responseType)
      success.content = contentOf(mediaTypes(spec.responseType), { type: 'string', format: 'binary' })
    if (spec.events) success.content = { 'text/event-stream': eventsMedia(spec.events, conv) }
    if (spec.successHeaders) success.headers = headerDocs(spec.successHeaders, conv)
    responses[String(route.status)] = success
    for (const [status, doc] of Object.entries(spec.responses ?? {})) {
      responses[status] = {
        description: doc.description,
        ...(doc.schema
          ? { content: contentOf(mediaTypes(doc.contentType ?? 'application/json'), schema(doc.schema, 'output')) }
          : {}),
        ...(doc.headers ? { headers: headerDocs(doc.headers, conv) } : {}),
      }
    }
    for (const status of errorStatuses(route)) {
      usedErrors.add(status)
      responses[String(status)] ??= { $ref: `#/components/responses/${responseName(status)}` }
    }

    const operation: Json = {
      operationId: route.info.operationId,
      summary: spec.summary ?? `${route.method} ${route.path}`,
      ...(spec.description ? { description: spec.description } : {}),
      ...(route.info.tags.length ? { tags: [...route.info.tags] } : {}),
      ...(spec.deprecated ? { deprecated: true } : {}),
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
          : [spec.bodyType === 'text' ? 'text/plain' : 'application/json']
      const optional = OPTIONAL_WRAPPERS.has((spec.body as { type: string }).type)
      operation.requestBody = {
        required: !optional,
        content: Object.fromEntries(types.map((t) => [t, { schema: body }])),
      }
    }
    operation.responses = responses
    operation.security = securityOf(route)
    for (const g of route.config.guards ?? []) Object.assign(securitySchemes, g.meta?.securitySchemes)
    for (const stage of route.stages) stage.document?.(operation)
    for (const [status, res] of Object.entries(operation.responses as Json)) {
      const ref = (res as Json).$ref
      if (typeof ref === 'string' && ref.startsWith('#/components/responses/')) usedErrors.add(Number(status))
    }
    const key = toOpenApiPath(route.path)
    paths[key] = { ...paths[key], [route.method.toLowerCase()]: operation }
  }

  const componentResponses: Json = {}
  for (const status of [...usedErrors].sort((a, b) => a - b)) {
    componentResponses[responseName(status)] = {
      description: status === 400 ? 'The request is invalid; every problem is listed' : statusTitle(status),
      content: {
        [PROBLEM]: {
          schema: { $ref: `#/components/schemas/${status === 400 ? 'ValidationProblem' : 'Problem'}` },
          example: problemExample(status),
        },
      },
    }
  }
  const knownTags = new Map((info.tags ?? []).map((t) => [t.name, t]))
  const document: Json = {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, ...(info.description ? { description: info.description } : {}) },
    ...(info.servers ? { servers: info.servers } : {}),
    tags: [...new Set([...knownTags.keys(), ...tags])].map((name) => knownTags.get(name) ?? { name }),
    paths,
    components: {
      schemas: conv.components(),
      responses: componentResponses,
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

/** What a problem of this status looks like, for the shared error responses. */
const problemExample = (status: number): Json =>
  status === 400
    ? { ...v.getMetadata(ValidationProblem).examples[0] }
    : { type: 'about:blank', title: statusTitle(status), status, instance: '/example' }

function headerDocs(
  headers: Readonly<Record<string, { description: string; schema?: v.GenericSchema }>>,
  conv: SchemaConverter,
): Json {
  const out: Json = {}
  for (const [name, h] of Object.entries(headers))
    out[name] = { description: h.description, schema: h.schema ? conv.convert(h.schema, 'output') : { type: 'string' } }
  return out
}

/**
 * A stream's media type: one alternative per event type (the frame's `event`, its JSON `data`, its `id`), and as
 * example the first event type's first example, as such an object.
 */
function eventsMedia(events: Readonly<Record<string, v.GenericSchema>>, conv: SchemaConverter): Json {
  let example: Json | undefined
  for (const [event, schema] of Object.entries(events)) {
    const data = (v.getMetadata(schema) as { examples?: unknown[] } | undefined)?.examples?.[0]
    if (data !== undefined) example ??= { id: '1', event, data }
  }
  const schema = {
    description: 'A stream of server-sent events; each event is one of these (full schemas in /asyncapi.json)',
    oneOf: Object.entries(events).map(([name, schema]) => ({
      type: 'object',
      title: name,
      required: ['event', 'data'],
      properties: {
        id: { type: 'string', description: 'Send it back as Last-Event-ID to resume after this event' },
        event: { const: name },
        data: conv.convert(schema, 'output'),
      },
    })),
  }
  return example ? { schema, example } : { schema }
}
