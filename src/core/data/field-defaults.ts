import * as v from 'valibot'

/**
 * The default `defineModel` gave each field schema, so `inputDto` can apply it wherever that schema is picked
 * (`include(Todo.fields, ['done'])`). `null` marks a schema two models gave different defaults: it gets none.
 */
const defaults = new WeakMap<object, { readonly value: unknown } | null>()

const same = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b)

/** Records a model field's default value on its schema. */
export function recordFieldDefault(schema: v.GenericSchema, value: unknown): void {
  const known = defaults.get(schema)
  defaults.set(schema, known === undefined || (known && same(known.value, value)) ? { value } : null)
}

/** Optional with this default: a fresh copy of an object or array per parse, so changing one changes no other. */
export const optionalWithDefault = (schema: v.GenericSchema, value: unknown): v.GenericSchema =>
  typeof value === 'object' && value !== null
    ? v.optional(schema, () => structuredClone(value) as never)
    : v.optional(schema, value as never)

/** The schema an input takes for a field: optional with its model default when it has one, else the schema itself. */
export function withFieldDefault(schema: v.GenericSchema): v.GenericSchema {
  const known = defaults.get(schema)
  return known ? optionalWithDefault(schema, known.value) : schema
}
