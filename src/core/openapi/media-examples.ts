type Json = Record<string, unknown>

const asJson = (value: unknown): Json | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined

/** A schema's first example, following a `$ref` to a component schema; a list's is one example item. */
function exampleOf(schema: Json | undefined, components: Json): unknown {
  const ref = schema?.$ref
  const target = typeof ref === 'string' ? asJson(components[ref.replace('#/components/schemas/', '')]) : schema
  const examples = target?.examples
  if (Array.isArray(examples) && examples.length) return examples[0]
  if (target?.type !== 'array') return undefined
  const item = exampleOf(asJson(target.items), components)
  return item === undefined ? undefined : [item]
}

/**
 * Copies each request and response schema's first example onto its media type, where reference pages and
 * linters look for it; schemas without examples are left alone (the document lint reports them).
 * @example addMediaExamples(document) // content['application/json'].example = { message: 'Hello, Bob!' }
 */
export function addMediaExamples(document: Json): void {
  const components = asJson(asJson(document.components)?.schemas) ?? {}
  const fill = (content: unknown) => {
    for (const media of Object.values(asJson(content) ?? {})) {
      const m = asJson(media)
      if (!m || 'example' in m || 'examples' in m) continue
      const example = exampleOf(asJson(m.schema), components)
      if (example !== undefined) m.example = example
    }
  }
  for (const item of Object.values(asJson(document.paths) ?? {}))
    for (const operation of Object.values(asJson(item) ?? {})) {
      const op = asJson(operation)
      fill(asJson(op?.requestBody)?.content)
      for (const response of Object.values(asJson(op?.responses) ?? {})) fill(asJson(response)?.content)
    }
}
