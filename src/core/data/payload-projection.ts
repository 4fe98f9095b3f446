import type { Model } from './model'

/**
 * An event payload as SQL can build it from a written row: a field of the row, a fixed value, or an object or array
 * of them. What `projectPayload` finds a payload function to be.
 */
export type PayloadShape =
  | { readonly field: string }
  | { readonly value: unknown }
  | { readonly object: readonly (readonly [string, PayloadShape])[] }
  | { readonly array: readonly PayloadShape[] }

const FIELD = Symbol('field')
type Marker = { readonly [FIELD]: string }

const refuse = (what: string): never => {
  throw new Error(`it computes with a field (${what}); a payload may only pick fields of the row`)
}

/** A stand-in for a row's field: it can be placed in the payload, never computed with. */
const marker = (field: string): Marker =>
  Object.freeze({
    [FIELD]: field,
    [Symbol.toPrimitive]: () => refuse(`${field} used as a value`),
    toJSON: () => refuse(`${field} serialized`),
  })

function shapeOf(value: unknown, at: string): PayloadShape {
  if (value === undefined) throw new Error(`${at} is undefined: name a field the model has`)
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return { value }
  if (typeof value !== 'object') throw new Error(`${at} is a ${typeof value}, which JSON cannot hold`)
  if (FIELD in value) return { field: (value as Marker)[FIELD] }
  if (Array.isArray(value)) return { array: value.map((item, i) => shapeOf(item, `${at}[${i}]`)) }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) throw new Error(`${at} is no plain object`)
  return { object: Object.entries(value).map(([k, v]) => [k, shapeOf(v, `${at}.${k}`)] as const) }
}

/**
 * What a payload function makes of a row, found once by calling it on stand-ins for the model's fields: the shape
 * the write's batch turns into SQL (`json_object(...)` over the written row), so the event row commits with the data
 * and holds exactly what the row held. Throws, saying why, when the function computes with a field (a method call,
 * arithmetic, a template string) instead of picking it.
 * @example projectPayload(Post, (row) => ({ id: row.id, title: row.title })) // { object: [['id', { field: 'id' }], ...] }
 */
export function projectPayload(model: Model, payload: (row: never) => unknown): PayloadShape {
  const columns = model.columns as Readonly<Record<string, string>>
  const isField = (key: string | symbol): key is string => typeof key === 'string' && Object.hasOwn(columns, key)
  const row = new Proxy(
    {},
    {
      get: (_, key) => (isField(key) ? marker(key) : undefined),
      has: (_, key) => isField(key),
      ownKeys: () => Object.keys(columns),
      getOwnPropertyDescriptor: (_, key) =>
        isField(key) ? { configurable: true, enumerable: true, value: marker(key) } : undefined,
    },
  )
  return shapeOf((payload as (row: unknown) => unknown)(row), 'the payload')
}
