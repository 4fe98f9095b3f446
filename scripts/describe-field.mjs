// What a field's doc comment becomes at document build (field-comments.mjs rewrites `/** text */ key: schema` in an
// object schema to `key: describeField(schema, 'text')`): the schema with `v.description(text)` where a hand-written
// one would sit, so the generated JSON Schema is the same as if it had been written out. Runs only in Node, in the
// `edgestar document` build and the test runner's transform; a Worker's bundle never holds it.
import { description, pipe, pipeAsync } from 'valibot'

// The wrappers that make a field optional (src/core/kernel/schema-wrappers.ts OPTIONAL_WRAPPERS): the document reads
// a field's `required` from the outermost schema's type, so the description goes inside them.
const OPTIONAL = new Set(['optional', 'nullish', 'exact_optional', 'undefinedable'])
// Every wrapper the description of a wrapped schema may sit under (schema-wrappers.ts WRAPPERS).
const WRAPPERS = new Set([...OPTIONAL, 'nullable', 'non_optional', 'non_nullable', 'non_nullish'])

/** Whether `schema`, a schema in its pipe or a schema it wraps has a description (`v.description`, `v.metadata`). */
function hasDescription(schema) {
  if (!schema || typeof schema !== 'object') return false
  const described = (item) =>
    item.kind === 'metadata' &&
    (item.type === 'description' || (item.type === 'metadata' && typeof item.metadata?.description === 'string'))
  if (schema.pipe?.some((item) => described(item) || (item.kind === 'schema' && hasDescription(item)))) return true
  return !schema.pipe && WRAPPERS.has(schema.type) && hasDescription(schema.wrapped)
}

/**
 * `schema` described by `text`, as a field's `v.description` is written: appended to its pipe, inside an optional
 * wrapper (rebuilt through its `reference` with its default, so the wrapper stays outermost), else
 * `v.pipe(schema, v.description(text))`. A schema with a description of its own is returned as it is: its own wins.
 * @example describeField(v.optional(v.string(), 'x'), 'Who') // v.optional(v.pipe(v.string(), v.description('Who')), 'x')
 */
export function describeField(schema, text) {
  if (!schema || typeof schema !== 'object' || schema.kind !== 'schema' || hasDescription(schema)) return schema
  const join = schema.async ? pipeAsync : pipe
  if (schema.pipe) return join(...schema.pipe, description(text))
  if (OPTIONAL.has(schema.type) && schema.wrapped)
    return schema.reference(describeField(schema.wrapped, text), schema.default)
  return join(schema, description(text))
}
