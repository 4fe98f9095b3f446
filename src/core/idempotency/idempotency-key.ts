import type { FieldProblem } from '../kernel/errors'

/** The longest key accepted, in characters (Stripe's limit; the IETF draft sets none). */
export const MAX_KEY_LENGTH = 255
/** What a key may be made of: what UUIDs, ULIDs, base64 and base64url use, and `:` `.` `~` `+` `=` `/`. */
export const KEY_PATTERN = /^[A-Za-z0-9_.:~+=/-]+$/

const problem = (message: string): FieldProblem => ({
  in: 'header',
  name: 'idempotency-key',
  pointer: '/idempotency-key',
  message,
})

/**
 * Reads an `Idempotency-Key` value: bare (`abc-123`, as Stripe's clients send it) or as the IETF draft's structured
 * string (`"abc-123"`), which name the same key. Anything else is the problem to answer with: an empty or overlong
 * key, a character outside `KEY_PATTERN`, or two values (a repeated header arrives joined by `, `).
 * @example readIdempotencyKey('"8e03978e"') // { key: '8e03978e' }
 */
export function readIdempotencyKey(value: string): { key: string } | { problem: FieldProblem } {
  let key = value
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1)
  if (key.length === 0) return { problem: problem('must not be empty') }
  if (key.length > MAX_KEY_LENGTH) return { problem: problem(`must be at most ${MAX_KEY_LENGTH} characters`) }
  if (key.includes(',')) return { problem: problem('must be sent once, with one key') }
  if (!KEY_PATTERN.test(key))
    return { problem: problem('may use only letters, digits and _ . : ~ + = / - (optionally in double quotes)') }
  return { key }
}
