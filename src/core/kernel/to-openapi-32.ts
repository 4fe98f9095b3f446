type Json = Record<string, unknown>

const asJson = (value: unknown): Json | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined

/**
 * The OpenAPI 3.2 twin of a generated 3.1 document: the same operations, with each sequential media type (event
 * streams, NDJSON) saying what it is the 3.2 way, `itemSchema` (each item) in place of the 3.1 `schema` (the body
 * as text) and its `x-itemSchema`. Served beside the 3.1 document for clients and tools that read 3.2.
 * @example const v32 = toOpenApi32(document) // content['text/event-stream'].itemSchema
 */
export function toOpenApi32(document: Json): Json {
  const copy = structuredClone(document)
  copy.openapi = '3.2.0'
  const visit = (content: unknown) => {
    for (const media of Object.values(asJson(content) ?? {})) {
      const m = asJson(media)
      if (!m || m['x-itemSchema'] === undefined) continue
      m.itemSchema = m['x-itemSchema']
      delete m['x-itemSchema']
      delete m.schema
    }
  }
  for (const item of Object.values(asJson(copy.paths) ?? {}))
    for (const operation of Object.values(asJson(item) ?? {}))
      for (const response of Object.values(asJson(asJson(operation)?.responses) ?? {})) visit(asJson(response)?.content)
  return copy
}
