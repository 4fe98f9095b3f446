import type * as v from 'valibot'

type Options = { readonly type: string; readonly options?: readonly v.GenericSchema[] }
type Entries = { readonly entries?: Readonly<Record<string, { type: string; literal?: unknown }>> }
type Titled = { readonly pipe?: readonly { readonly type: string; readonly title?: string }[] }

/** A schema's `v.title()`, if any. */
export const titleOf = (schema: v.GenericSchema): string | undefined =>
  (schema as unknown as Titled).pipe?.find((a) => a.type === 'title')?.title

/** The object schema inside a pipe, to read its entries. */
const base = (schema: v.GenericSchema): v.GenericSchema => {
  const pipe = (schema as unknown as Titled).pipe as readonly v.GenericSchema[] | undefined
  return (pipe?.[0] as v.GenericSchema | undefined) ?? schema
}

/**
 * Splits a union or variant into its options, recursively, so each becomes a message of its own; named by its
 * title, else by its `type` literal, else by the fallback.
 */
export function splitMessages(schema: v.GenericSchema, fallback: string): { name: string; schema: v.GenericSchema }[] {
  const inner = base(schema) as unknown as Options
  if ((inner.type === 'union' || inner.type === 'variant') && inner.options && !titleOf(schema))
    return inner.options.flatMap((o, i) => splitMessages(o, `${fallback}${i + 1}`))
  const literal = (base(schema) as unknown as Entries).entries?.type?.literal
  const name = titleOf(schema) ?? (typeof literal === 'string' ? literal : fallback)
  return [{ name, schema }]
}
