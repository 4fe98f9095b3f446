import { dereference, type Schema, validate } from '@cfworker/json-schema'

type Json = Record<string, unknown>

/** Checks a value against a schema of the document: the messages of what does not match (none when it does). */
export type SchemaCheck = (schema: unknown, value: unknown) => string[]

const BASE = 'https://contract.invalid/openapi.json'

/**
 * A 3.2 sequential item's `data` is text whose `contentMediaType` is JSON and whose `contentSchema` says what
 * it holds: JSON Schema only annotates those, so the check swaps such a node for its `contentSchema` and is
 * handed the parsed JSON (see contract-stream.ts).
 */
function withContentSchemas(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withContentSchemas)
  if (schema === null || typeof schema !== 'object') return schema
  const s = schema as Json
  if (s.contentMediaType === 'application/json' && s.contentSchema !== undefined)
    return withContentSchemas(s.contentSchema)
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, withContentSchemas(v)]))
}

/**
 * Validates against a schema that may `$ref` the document's `#/components/schemas/...` (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1): every check gets a root holding the schema beside a copy of the components, so the
 * references resolve by JSON pointer. Roots are cached per schema object; documents are immutable.
 */
export function schemaCheck(document: Json): SchemaCheck {
  const schemas = (document.components as Json | undefined)?.schemas ?? {}
  type Root = { readonly root: Schema; readonly lookup: ReturnType<typeof dereference> }
  const cache = new WeakMap<object, Root>()
  const rootOf = (schema: object): Root => {
    const hit = cache.get(schema)
    if (hit) return hit
    // A fresh copy per root: the validator annotates schema objects with their absolute location.
    const root = structuredClone({ $id: BASE, ...(withContentSchemas(schema) as Json), components: { schemas } })
    const made = { root: root as Schema, lookup: dereference(root) }
    cache.set(schema, made)
    return made
  }
  return (schema, value) => {
    if (schema === null || typeof schema !== 'object') return []
    const { root, lookup } = rootOf(schema)
    const result = validate(value, root, '2020-12', lookup, false)
    if (result.valid) return []
    // The deepest failures say what is wrong; their parents only repeat "a property did not match".
    const leaves = result.errors.filter(
      (e) => !result.errors.some((o) => o !== e && o.keywordLocation.startsWith(`${e.keywordLocation}/`)),
    )
    return leaves.slice(0, 5).map((e) => `${e.instanceLocation.slice(1) || '/'}: ${e.error}`)
  }
}
