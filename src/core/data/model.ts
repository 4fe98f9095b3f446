import * as v from 'valibot'
import { markPrivate } from '../kernel/private-field'

type Keys<E> = keyof E & string

/** A resource defined once: its fields (camelCase, as in JSON) and how they live in a D1 table. */
export interface Model<
  E extends v.ObjectEntries = v.ObjectEntries,
  P extends Keys<E> = Keys<E>,
  G extends Keys<E> = Keys<E>,
  D extends Keys<E> = Keys<E>,
> {
  /** The table name; trusted, never from a request. */
  readonly table: string
  /** Every field, camelCase, with its valibot schema. */
  readonly fields: E
  /** The whole row as one valibot object. */
  readonly schema: v.ObjectSchema<E, undefined>
  readonly primaryKey: Keys<E>
  /** Fields that never leave the server (password hashes, secrets); marked `secret`. */
  readonly private: readonly P[]
  /** Personal data (email, role, age): in views, but sent only on routes restricted to the subject or a role. */
  readonly personal: readonly Keys<E>[]
  /** Fields the database fills and callers never write (ids, timestamps, versions). */
  readonly generated: readonly G[]
  /** Fields with a database default: optional on insert. */
  readonly defaults: readonly D[]
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

/** What an insert takes: no generated fields, defaulted ones optional. */
export type InsertOf<M extends Model> =
  M extends Model<infer _E, infer _P, infer G, infer D> ? Omit<RowOf<M>, G | D> & Partial<Pick<RowOf<M>, D>> : never

/** camelCase -> snake_case. @example toSnakeCase('passwordHash') // 'password_hash' */
export const toSnakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** What `defineModel` takes. */
export interface ModelDefinition<E extends v.ObjectEntries, P, G, D> {
  readonly table: string
  readonly fields: E
  readonly primaryKey?: Keys<E>
  readonly private?: readonly P[]
  /** Personal fields: marked so `createApp` refuses a route that would send them to any caller. */
  readonly personal?: readonly Keys<E>[]
  readonly generated?: readonly G[]
  readonly defaults?: readonly D[]
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
>(def: ModelDefinition<E, P, G, D>): Model<E, P, G, D> {
  const names = Object.keys(def.fields) as Keys<E>[]
  const columns = Object.fromEntries(names.map((n) => [n, toSnakeCase(n)])) as Record<Keys<E>, string>
  const hidden = new Set<string>(def.private ?? [])
  const personal = new Set<string>(def.personal ?? [])
  // Marked copies: every view built from these fields carries the mark into the route check at createApp.
  const fields = Object.fromEntries(
    Object.entries(def.fields).map(([k, s]) => {
      if (hidden.has(k)) return [k, markPrivate(s, 'secret')]
      return [k, personal.has(k) ? markPrivate(s, 'personal') : s]
    }),
  ) as E
  const pub = Object.fromEntries(Object.entries(fields).filter(([k]) => !hidden.has(k))) as Omit<E, P>
  return {
    table: def.table,
    fields,
    schema: v.object(fields),
    primaryKey: def.primaryKey ?? ('id' as Keys<E>),
    private: def.private ?? [],
    personal: def.personal ?? [],
    generated: def.generated ?? [],
    defaults: def.defaults ?? [],
    version: def.version,
    updatedAt: def.updatedAt,
    columns,
    fieldsByColumn: new Map(names.map((n) => [columns[n], n])),
    references: def.references ?? ({} as Readonly<Partial<Record<Keys<E>, string>>>),
    public: pub,
  }
}
