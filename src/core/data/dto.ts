import * as v from 'valibot'
import { withFieldDefault } from './field-defaults'
import type { InputEntries } from './model'

type Keys<E> = keyof E & string

/**
 * The named fields of a model, and nothing else.
 * @example dto('UserCreate', { ...include(User.fields, ['name', 'email']), password: Password })
 */
export function include<E extends v.ObjectEntries, const K extends Keys<E>>(
  entries: E,
  keys: readonly K[],
): Pick<E, K> {
  const out: Partial<Pick<E, K>> = {}
  for (const k of keys) {
    if (!(k in entries)) throw new Error(`include(): unknown field "${k}"`)
    out[k] = entries[k]
  }
  return out as Pick<E, K>
}

/**
 * Every field but the named ones.
 * @example dto('UserRead', exclude(User.public, ['version']))
 */
export function exclude<E extends v.ObjectEntries, const K extends Keys<E>>(
  entries: E,
  keys: readonly K[],
): Omit<E, K> {
  const drop = new Set<string>(keys)
  return Object.fromEntries(Object.entries(entries).filter(([k]) => !drop.has(k))) as Omit<E, K>
}

/** The same fields, each optional: what a partial update (PATCH) takes. */
export type PartialEntries<E extends v.ObjectEntries> = { [K in keyof E]: v.OptionalSchema<E[K], undefined> }

// A default belongs to an insert: a patch that leaves a field out must leave it unchanged, not reset it.
const withoutDefault = (s: v.GenericSchema): v.GenericSchema => {
  const node = s as v.GenericSchema & { readonly wrapped?: v.GenericSchema; readonly default?: unknown }
  return node.type === 'optional' && node.default !== undefined && node.wrapped ? node.wrapped : s
}

/**
 * Makes every field optional, without defaults (a field a patch leaves out stays as it is).
 * @example dto('UserPatch', partial(include(User.insert, ['name', 'age', 'role'])))
 */
export function partial<E extends v.ObjectEntries>(entries: E): PartialEntries<E> {
  return Object.fromEntries(
    Object.entries(entries).map(([k, s]) => [k, v.optional(withoutDefault(s as v.GenericSchema))]),
  ) as PartialEntries<E>
}

/** What the document shows for a DTO. */
export interface DtoMeta {
  /** The schema's description; the doc comment above `const X = dto(title, entries, { ... })` gives it too. */
  readonly description?: string
  readonly examples?: readonly unknown[]
}

/** An object schema titled for `components.schemas`, with the meta the document shows. */
const titled = <S extends v.GenericSchema>(object: S, title: string, meta: DtoMeta) =>
  v.pipe(
    object,
    v.title(title),
    v.metadata({
      ...(meta.description ? { description: meta.description } : {}),
      ...(meta.examples ? { examples: meta.examples } : {}),
    }),
  )

/**
 * Names a response shape: a valibot object titled for `components.schemas`; keys it does not name are
 * stripped, so a response never carries a field its DTO leaves out (request bodies use `inputDto`).
 * @example export const UserRead = dto('UserRead', User.public, { examples: [{ id: 1, name: 'Ada' }] })
 */
export function dto<E extends v.ObjectEntries>(title: string, entries: E, meta: DtoMeta = {}) {
  return titled(v.object(entries), title, meta)
}

/**
 * Names a shape a client sends: like `dto`, but unknown keys are refused with a 400 naming them, so a
 * misspelt field never silently drops data; the document says `additionalProperties: false`.
 * @example export const UserCreate = inputDto('UserCreate', { ...include(User.fields, ['name', 'email']), password })
 */
export function inputDto<E extends v.ObjectEntries>(title: string, entries: E, meta: DtoMeta = {}) {
  // A field defineModel gave a default is optional here, with it: validation fills it and the document shows it.
  const withDefaults = Object.fromEntries(
    Object.entries(entries).map(([k, s]) => [k, withFieldDefault(s as v.GenericSchema)]),
  ) as unknown as InputEntries<E>
  return titled(v.strictObject(withDefaults), title, meta)
}
