/** A value D1 binds. */
export type SqlValue = string | number | boolean | null

/** Equality filters by field; `null` matches NULL. */
export type Where<T> = { readonly [K in keyof T]?: T[K] | null }

/** A case-insensitive substring search over some fields; `%`, `_` and `\` in the text match themselves. */
export interface Search<T> {
  readonly text: string
  readonly fields: readonly (keyof T & string)[]
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Builds a parameterized WHERE clause; `column` maps a field to its quoted column and throws on unknown
 * fields, so only values, never identifiers, come from the caller.
 * @example whereClause({ where: { authorId: 7 } }, col) // { sql: ' WHERE "author_id" = ?', args: [7] }
 */
export function whereClause<T>(
  options: { readonly where?: Where<T>; readonly search?: Search<T> },
  column: (field: string) => string,
): { sql: string; args: SqlValue[] } {
  const clauses: string[] = []
  const args: SqlValue[] = []
  for (const [field, value] of Object.entries(options.where ?? {})) {
    if (value === undefined) continue
    if (value === null) clauses.push(`${column(field)} IS NULL`)
    else {
      clauses.push(`${column(field)} = ?`)
      args.push(value as SqlValue)
    }
  }
  const search = options.search
  if (search?.text && search.fields.length) {
    const pattern = `%${escapeLike(search.text)}%`
    clauses.push(`(${search.fields.map((f) => `${column(f)} LIKE ? ESCAPE '\\'`).join(' OR ')})`)
    for (const _ of search.fields) args.push(pattern)
  }
  return { sql: clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '', args }
}
