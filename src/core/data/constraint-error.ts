import { HttpError } from '../kernel/errors'
import type { Model } from './model'

const UNIQUE = /UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)/
const FOREIGN_KEY = /FOREIGN KEY constraint failed/
const CHECK = /CHECK constraint failed/

/**
 * Turns a D1 constraint failure into the client error it is: a UNIQUE index into 409 naming the field,
 * a missing referenced row into 422, a CHECK into 422; anything else stays a 500.
 * The database decides, in one statement, so two racing writers can never both succeed.
 * @example catch (e) { throw constraintError(e, User) ?? e }
 */
export function constraintError(error: unknown, model: Model): HttpError | undefined {
  const message = error instanceof Error ? error.message : String(error)
  const unique = UNIQUE.exec(message)
  if (unique) {
    const fields = unique[1]!.split(', ').map((c) => {
      const column = c.slice(c.lastIndexOf('.') + 1)
      return model.fieldsByColumn.get(column) ?? column
    })
    return new HttpError(409, {
      detail: `This ${fields.join(' and ')} is already taken`,
      extensions: { fields },
      cause: error,
    })
  }
  if (FOREIGN_KEY.test(message)) {
    const refs = Object.entries(model.references) as [string, string][]
    const named = refs.map(([field, target]) => `${field} must name an existing ${target} row`).join('; ')
    return new HttpError(422, {
      detail: named || 'A referenced row does not exist',
      extensions: { fields: refs.map(([field]) => field) },
      cause: error,
    })
  }
  if (CHECK.test(message))
    return new HttpError(422, { detail: 'A value is outside what the database allows', cause: error })
  return undefined
}
