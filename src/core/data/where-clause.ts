import type { ColumnCodec } from './column-codec'

/** A value D1 binds. */
export type SqlValue = string | number | boolean | null

/** Range and membership conditions on one field; all given ones apply. */
export interface Condition<V> {
  readonly eq?: V
  readonly in?: readonly V[]
  readonly gte?: V
  readonly lte?: V
  readonly gt?: V
  readonly lt?: V
}

/** Filters by field: a value is equality (`null` matches NULL), an object a `Condition`. */
export type Where<T> = { readonly [K in keyof T]?: T[K] | null | Condition<T[K]> }

/** A case-insensitive substring search over some fields; `%`, `_` and `\` in the text match themselves. */
export interface Search<T> {
  readonly text: string
  readonly fields: readonly (keyof T & string)[]
}

const OPERATORS = { eq: '=', gte: '>=', lte: '<=', gt: '>', lt: '<' } as const
const OPERATOR_NAMES = new Set(['in', ...Object.keys(OPERATORS)])

const isCondition = (value: unknown): value is Condition<SqlValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
/** Operators only, at least one: what tells a condition from a JSON field's object value. */
const onlyOperators = (value: object): boolean => {
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((k) => OPERATOR_NAMES.has(k))
}
const asIs = (value: unknown) => value

/**
 * Builds the parameterized conditions of a WHERE clause; `column` maps a field to its quoted column and throws on
 * unknown fields, so only values, never identifiers, come from the caller. Values are bound as `codecs` write their
 * columns, so `{ done: false }` matches the stored 0; a JSON field's value is matched as a whole (its JSON text)
 * unless it is a condition (`{ eq }`, `{ in }`, ...).
 * @example whereClause({ where: { authorId: 7, age: { gte: 18 } } }, col, User.codecs) // { clauses: ['"author_id" = ?', '"age" >= ?'], args: [7, 18] }
 */
export function whereClause<T>(
  options: { readonly where?: Where<T>; readonly search?: Search<T> },
  column: (field: string) => string,
  codecs: Readonly<Record<string, ColumnCodec>>,
): { clauses: string[]; args: SqlValue[] } {
  const clauses: string[] = []
  const args: SqlValue[] = []
  for (const [field, given] of Object.entries(options.where ?? {})) {
    if (given === undefined) continue
    if (given === null) {
      clauses.push(`${column(field)} IS NULL`)
      continue
    }
    const codec = codecs[field]
    const encode = (codec && codec.kind !== 'plain' ? codec.encode : asIs) as (value: unknown) => SqlValue
    const value = encode === asIs || (isCondition(given) && onlyOperators(given)) ? given : encode(given)
    if (isCondition(value)) {
      if (value.in) {
        // An empty list matches nothing, as `IN ()` would if SQLite allowed it.
        clauses.push(value.in.length ? `${column(field)} IN (${value.in.map(() => '?').join(', ')})` : '0')
        args.push(...value.in.map(encode))
      }
      for (const [op, sql] of Object.entries(OPERATORS) as [keyof typeof OPERATORS, string][]) {
        if (value[op] === undefined) continue
        clauses.push(`${column(field)} ${sql} ?`)
        args.push(encode(value[op]))
      }
    } else {
      clauses.push(`${column(field)} = ?`)
      args.push(value as SqlValue)
    }
  }
  const search = options.search
  if (search?.text && search.fields.length) {
    // instr, not LIKE: D1 refuses LIKE patterns over 50 bytes, and instr has no wildcards to escape.
    clauses.push(`(${search.fields.map((f) => `instr(lower(${column(f)}), lower(?)) > 0`).join(' OR ')})`)
    for (const _ of search.fields) args.push(search.text)
  }
  return { clauses, args }
}
