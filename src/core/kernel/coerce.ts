import type * as v from 'valibot'
import { WRAPPERS } from './schema-wrappers'

/** What a string from a URL, header or form should become before validation. */
type Scalar = 'number' | 'boolean' | 'keep'
interface FieldPlan {
  readonly array: boolean
  readonly item: Scalar
}

interface Introspectable {
  readonly type: string
  readonly wrapped?: Introspectable
  readonly item?: Introspectable
  readonly entries?: Readonly<Record<string, Introspectable>>
}

const unwrap = (schema: Introspectable): Introspectable => {
  let s = schema
  while (WRAPPERS.has(s.type) && s.wrapped) s = s.wrapped
  return s
}

const scalarOf = (schema: Introspectable): Scalar => {
  const t = unwrap(schema).type
  return t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : 'keep'
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

const coerce = (kind: Scalar, value: unknown): unknown => {
  if (typeof value !== 'string') return value
  if (kind === 'number') return NUMBER.test(value) ? Number(value) : value
  if (kind === 'boolean')
    return value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value
  return value
}

/** A function turning multi-valued string sources into the object the schema expects. */
export type Coercer = (entries: Iterable<[string, unknown]>) => Record<string, unknown>

/**
 * Plans, once per route, how to coerce strings for an object schema: numbers and booleans by the
 * declared type, repeated keys to arrays, and a single value to a one-item array where an array is declared.
 */
export function coercerFor(schema: v.GenericSchema): Coercer {
  const root = unwrap(schema as unknown as Introspectable)
  const plans = new Map<string, FieldPlan>()
  for (const [key, entry] of Object.entries(root.entries ?? {})) {
    const field = unwrap(entry)
    plans.set(
      key,
      field.type === 'array' && field.item
        ? { array: true, item: scalarOf(field.item) }
        : { array: false, item: scalarOf(field) },
    )
  }
  return (entries) => {
    // A null prototype keeps keys such as __proto__ plain data.
    const out: Record<string, unknown> = Object.create(null)
    // Arrays this coercer made, so a repeat appends in place: linear in the number of values.
    let made: Set<unknown> | undefined
    for (const [key, raw] of entries) {
      const plan = plans.get(key)
      const value = plan ? coerce(plan.item, raw) : raw
      if (!(key in out)) {
        out[key] = plan?.array ? [value] : value
        continue
      }
      const prev = out[key]
      if (plan?.array || made?.has(prev)) (prev as unknown[]).push(value)
      else {
        const list = [prev, value]
        if (!made) made = new Set()
        made.add(list)
        out[key] = list
      }
    }
    return out
  }
}
