import type { Model, RowOf } from './model'
import type { SqlValue } from './where-clause'

const codecOf = (model: Model, field: string) => (model.codecs as Record<string, Model['codecs'][string]>)[field]

/** A field's value as its column holds it (booleans 0/1, timestamps in UTC, objects as JSON text). */
export const encodeValue = (model: Model, field: string, value: unknown): SqlValue =>
  (codecOf(model, field)?.encode(value) ?? value) as SqlValue

/** A row read from D1, with camelCase fields holding their schemas' types again. */
export function decodeRow<M extends Model>(model: M, row: Record<string, unknown>): RowOf<M> {
  const out: Record<string, unknown> = {}
  for (const [column, value] of Object.entries(row)) {
    const field = model.fieldsByColumn.get(column) ?? column
    const codec = codecOf(model, field)
    const decoded = codec ? codec.decode(value) : value
    // An optional field without a default is absent, not undefined-valued, when its column is NULL.
    if (decoded !== undefined) out[field] = decoded
  }
  return out as RowOf<M>
}

/** An insert's values, with the model's defaults and each schema's own default for the fields it leaves out. */
export function withDefaults(model: Model, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values }
  for (const [field, codec] of Object.entries(model.codecs as Record<string, Model['codecs'][string]>)) {
    if (out[field] !== undefined) continue
    const value =
      field in model.defaultValues ? (model.defaultValues as Record<string, unknown>)[field] : codec.fallback()
    if (value !== undefined) out[field] = value
  }
  return out
}
