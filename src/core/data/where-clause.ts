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

const isCondition = (value: unknown): value is Condition<SqlValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Builds the parameterized conditions of a WHERE clause; `column` maps a field to its quoted column and throws on
 * unknown fields, so only values, never identifiers, come from the caller.
 * @example whereClause({ where: { authorId: 7, age: { gte: 18 } } }, col) // { clauses: ['"author_id" = ?', '"age" >= ?'], args: [7, 18] }
 */
export function whereClause<T>(
  options: { readonly where?: Where<T>; readonly search?: Search<T> },
  column: (field: string) => string,
): { clauses: string[]; args: SqlValue[] } {
  const clauses: string[] = []
  const args: SqlValue[] = []
  for (const [field, value] of Object.entries(options.where ?? {})) {
    if (value === undefined) continue
    if (value === null) clauses.push(`${column(field)} IS NULL`)
    else if (isCondition(value)) {
      if (value.in) {
        // An empty list matches nothing, as `IN ()` would if SQLite allowed it.
        clauses.push(value.in.length ? `${column(field)} IN (${value.in.map(() => '?').join(', ')})` : '0')
        args.push(...value.in)
      }
      for (const [op, sql] of Object.entries(OPERATORS) as [keyof typeof OPERATORS, string][]) {
        if (value[op] === undefined) continue
        clauses.push(`${column(field)} ${sql} ?`)
        args.push(value[op] as SqlValue)
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
