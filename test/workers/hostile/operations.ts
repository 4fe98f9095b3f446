import document from '../../../schema/openapi.json'

/** A JSON Schema node as the document holds it. */
export type JsonSchema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  default?: unknown
}

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  schema: JsonSchema
}

/** One operation of the committed document, with references resolved. */
export interface Operation {
  method: string
  path: string
  id: string
  parameters: Parameter[]
  body?: { contentType: string; schema: JsonSchema; required: boolean }
  responses: Record<string, { contentType?: string; schema?: JsonSchema }>
  security: Record<string, string[]>[]
}

type Doc = {
  paths: Record<string, Record<string, Record<string, unknown>>>
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, Record<string, unknown>> }
}
const doc = document as unknown as Doc

/** The component a `$ref` points to. */
export const deref = (schema: JsonSchema): JsonSchema => {
  let s = schema
  while (s.$ref) s = doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {}
  return s
}

/** Every component schema, for validators that resolve `$ref` themselves. */
export const components = doc.components.schemas

const response = (raw: Record<string, unknown>) => {
  const r =
    (typeof raw.$ref === 'string' ? doc.components.responses[raw.$ref.replace('#/components/responses/', '')] : raw) ??
    {}
  const content = r.content as Record<string, { schema?: JsonSchema; 'x-itemSchema'?: JsonSchema }> | undefined
  const [contentType, media] = Object.entries(content ?? {})[0] ?? []
  // An NDJSON body is text to a 3.1 client; what each of its lines is, `x-itemSchema` says.
  return { contentType, schema: contentType === 'application/x-ndjson' ? media?.['x-itemSchema'] : media?.schema }
}

/** All operations in the committed document. */
export const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => {
    const body = op.requestBody as { content: Record<string, { schema: JsonSchema }>; required: boolean } | undefined
    const [contentType, media] = Object.entries(body?.content ?? {})[0] ?? []
    return {
      method: method.toUpperCase(),
      path,
      id: op.operationId as string,
      parameters: (op.parameters as Parameter[] | undefined) ?? [],
      body: body && contentType && media ? { contentType, schema: media.schema, required: body.required } : undefined,
      responses: Object.fromEntries(
        Object.entries(op.responses as Record<string, Record<string, unknown>>).map(([s, r]) => [s, response(r)]),
      ),
      security: (op.security as Record<string, string[]>[]) ?? [],
    }
  }),
)

/** Fills a path template with values. */
export const fillPath = (path: string, values: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '1')
