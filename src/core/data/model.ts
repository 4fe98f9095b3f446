import * as v from 'valibot'
import { markPrivate } from '../kernel/mark-private'
import { type ColumnCodec, columnCodec } from './column-codec'
import { exclude } from './dto'
import { optionalWithDefault, recordFieldDefault } from './field-defaults'

type Keys<E> = keyof E & string

/** A resource defined once: its fields (camelCase, as in JSON) and how they live in a D1 table. */
export interface Model<
  E extends v.ObjectEntries = v.ObjectEntries,
  P extends Keys<E> = Keys<E>,
  G extends Keys<E> = Keys<E>,
  D extends Keys<E> = Keys<E>,
  V extends Keys<E> = never,
> {
  /** The table name; trusted, never from a request. */
  readonly table: string
  /** Every field, camelCase, with its valibot schema; those with a default value are typed so for input DTOs. */
  readonly fields: DefaultedFields<E, V>
  /** The whole row as one valibot object. */
  readonly schema: v.ObjectSchema<E, undefined>
  readonly primaryKey: Keys<E>
  /** Fields that never leave the server (password hashes, secrets); marked `secret`. */
  readonly private: readonly P[]
  /** Personal data (email, role, age): in views, but sent only on routes restricted to the subject or a role. */
  readonly personal: readonly Keys<E>[]
  /** Fields the database fills and callers never write (ids, timestamps, versions). */
  readonly generated: readonly G[]
  /** Fields with a default: optional on insert. */
  readonly defaults: readonly D[]
  /** The defaults whose value the model knows: filled in on insert, and shown and applied by input DTOs. */
  readonly defaultValues: Readonly<Partial<Record<Keys<E>, unknown>>>
  /** What an insert takes, as entries: no generated fields, defaulted ones optional (with their value when known). */
  readonly insert: InsertEntries<E, G, D, V>
  /** How each field is written to and read from its column (booleans as 0/1, objects as JSON text, ...). */
  readonly codecs: Readonly<Record<Keys<E>, ColumnCodec>>
  /** An integer field bumped on every update: the optimistic-concurrency version behind ETags. */
  readonly version: Keys<E> | undefined
  /** A timestamp field set to now on every update. */
  readonly updatedAt: Keys<E> | undefined
  /** Field -> column name (snake_case). */
  readonly columns: Readonly<Record<Keys<E>, string>>
  /** Column name -> field. */
  readonly fieldsByColumn: ReadonlyMap<string, Keys<E>>
  /** Foreign keys: field -> what it references, for error messages. */
  readonly references: Readonly<Partial<Record<Keys<E>, string>>>
  /** Every field except the private ones: where response DTOs start. */
  readonly public: Omit<E, P>
}

/** The decoded row of a model, camelCase. */
export type RowOf<M extends Model> = v.InferOutput<M['schema']>

/** Fields whose schema takes `undefined` (optional, with or without a default). */
type OptionalKeys<E> = { [K in keyof E]: undefined extends v.InferInput<E[K] & v.GenericSchema> ? K : never }[keyof E]

/** What an insert takes: no generated fields, defaulted and optional ones optional. */
export type InsertOf<M extends Model> =
  M extends Model<infer E, infer _P, infer G, infer D, infer _V>
    ? Omit<RowOf<M>, G | D | OptionalKeys<E>> & Partial<Pick<RowOf<M>, Exclude<D | OptionalKeys<E>, G>>>
    : never

declare const DEFAULT: unique symbol
/** A field schema the model gave a default value: `inputDto` types it optional with that default (type-only mark). */
export type Defaulted<S extends v.GenericSchema> = S & { readonly [DEFAULT]: v.InferInput<S> }
/** A model's fields with those that have a default value marked. */
export type DefaultedFields<E extends v.ObjectEntries, V extends Keys<E>> = {
  readonly [K in keyof E]: K extends V ? Defaulted<E[K] & v.GenericSchema> : E[K]
}
/** Entries with each marked field optional with its default, as `inputDto` takes them. */
export type InputEntries<E> = {
  readonly [K in keyof E]: E[K] extends Defaulted<infer S> ? v.OptionalSchema<S, v.InferInput<S>> : E[K]
}

/** The entries of an insert: generated fields left out, defaulted ones optional (with their value's type when known). */
export type InsertEntries<
  E extends v.ObjectEntries,
  G extends Keys<E>,
  D extends Keys<E>,
  V extends Keys<E> = never,
> = {
  [K in Exclude<Keys<E>, G>]: K extends V
    ? v.OptionalSchema<E[K], v.InferInput<E[K]>>
    : K extends D
      ? v.OptionalSchema<E[K], undefined>
      : E[K]
}

/** camelCase -> snake_case. @example toSnakeCase('passwordHash') // 'password_hash' */
export const toSnakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** What `defineModel` takes. */
export interface ModelDefinition<E extends v.ObjectEntries, P, G, D, V extends PropertyKey = never> {
  readonly table: string
  readonly fields: E
  readonly primaryKey?: Keys<E>
  readonly private?: readonly P[]
  /** Personal fields: marked so `createApp` refuses a route that would send them to any caller. */
  readonly personal?: readonly Keys<E>[]
  readonly generated?: readonly G[]
  /**
   * Fields with a default, optional on insert: names (the database fills them), or values by name, which the
   * repository writes when a field is absent and input DTOs built on `insert` apply and document.
   */
  readonly defaults?: readonly D[] | { readonly [K in V]?: v.InferInput<E[K & keyof E]> }
  readonly version?: Keys<E>
  readonly updatedAt?: Keys<E>
  readonly references?: Readonly<Partial<Record<Keys<E>, string>>>
}

/**
 * Defines a resource once; column names are its fields in snake_case, and every DTO derives from it.
 * @example
 * export const Widget = defineModel({ table: 'widgets', fields: { id: Id, name: v.string(), secretKey: v.string() },
 *   private: ['secretKey'], personal: ['name'], generated: ['id'] })
 */
export function defineModel<
  const E extends v.ObjectEntries,
  const P extends Keys<E> = never,
  const G extends Keys<E> = never,
  const D extends Keys<E> = never,
  const V extends Keys<E> = never,
>(def: ModelDefinition<E, P, G, D, V>): Model<E, P, G, D | V, V> {
  const names = Object.keys(def.fields) as Keys<E>[]
  const columns = Object.fromEntries(names.map((n) => [n, toSnakeCase(n)])) as Record<Keys<E>, string>
  const own = def.fields as Record<string, v.GenericSchema>
  // A field D1 cannot hold and give back equal is refused here, naming it, not at the first request.
  const codecs = Object.fromEntries(names.map((n) => [n, columnCodec(def.table, n, own[n]!)])) as Record<
    Keys<E>,
    ColumnCodec
  >
  const known = (option: string, list: readonly string[]) => {
    for (const n of list)
      if (!(n in own)) throw new Error(`defineModel(${def.table}): ${option} names unknown field "${n}"`)
    return list
  }
  const hidden = new Set<string>(known('private', def.private ?? []))
  const personal = new Set<string>(known('personal', def.personal ?? []))
  // Marked copies: every view built from these fields carries the mark into the route check at createApp, and the
  // defaults below are recorded on them, so the views input DTOs are built from apply them.
  const marked = Object.fromEntries(
    Object.entries(own).map(([k, s]) => {
      if (hidden.has(k)) return [k, markPrivate(s, 'secret')]
      return [k, personal.has(k) ? markPrivate(s, 'personal') : s]
    }),
  ) as E
  const fields = marked as Record<string, v.GenericSchema>
  const given = def.defaults ?? []
  const defaults = known('defaults', Array.isArray(given) ? given : Object.keys(given)) as (D | V)[]
  const defaultValues = Array.isArray(given)
    ? {}
    : Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined))
  for (const [n, value] of Object.entries(defaultValues)) {
    if (!v.is(fields[n]!, value)) throw new Error(`defineModel(${def.table}): the default of "${n}" fails its schema`)
    recordFieldDefault(fields[n]!, value)
  }
  const generated = new Set<string>(known('generated', def.generated ?? []))
  const insert = Object.fromEntries(
    names
      .filter((n) => !generated.has(n))
      .map((n) => [
        n,
        !defaults.includes(n as D | V)
          ? fields[n]!
          : n in defaultValues
            ? optionalWithDefault(fields[n]!, defaultValues[n])
            : v.optional(fields[n]!),
      ]),
  ) as InsertEntries<E, G, D | V, V>
  const pub = exclude(marked, def.private ?? [])
  known(
    'primaryKey, version or updatedAt',
    [def.primaryKey ?? 'id', def.version, def.updatedAt].filter((n) => n !== undefined),
  )
  return {
    table: def.table,
    fields: marked as DefaultedFields<E, V>,
    schema: v.object(marked),
    primaryKey: def.primaryKey ?? ('id' as Keys<E>),
    private: def.private ?? [],
    personal: def.personal ?? [],
    generated: def.generated ?? [],
    defaults,
    defaultValues: defaultValues as Partial<Record<Keys<E>, unknown>>,
    insert,
    codecs,
    version: def.version,
    updatedAt: def.updatedAt,
    columns,
    fieldsByColumn: new Map(names.map((n) => [columns[n], n])),
    references: def.references ?? ({} as Readonly<Partial<Record<Keys<E>, string>>>),
    public: pub,
  }
}
