import { fromBase64url, toBase64url } from '../kernel/base64'
import { hmacSha256Key } from '../kernel/hmac-key'
import type { SqlValue } from './where-clause'

/** Where a cursor page ends: the sort it was made for, and the last row's sort value and primary key. */
export interface CursorPosition {
  readonly sort: string
  readonly value: SqlValue
  readonly key: SqlValue
}

const encoder = new TextEncoder()
// Binds the MAC to its use, so a secret shared with another purpose (the JWT key) never signs a cursor's bytes
// for that other purpose, nor the reverse.
const CONTEXT = 'edge-api cursor v1\n'

const isSqlValue = (x: unknown): x is SqlValue =>
  x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x))

/**
 * An opaque, tamper-evident cursor: the position as base64url JSON, a dot, and its HMAC-SHA256.
 * @example const next = await signCursor({ sort: '-createdAt', value: row.createdAt, key: row.id }, env.CURSOR_SECRET)
 */
export async function signCursor(position: CursorPosition, secret: string): Promise<string> {
  const payload = toBase64url(encoder.encode(JSON.stringify([position.sort, position.value, position.key])))
  const mac = await crypto.subtle.sign('HMAC', await hmacSha256Key(secret), encoder.encode(CONTEXT + payload))
  return `${payload}.${toBase64url(new Uint8Array(mac))}`
}

/**
 * The position a cursor names, or undefined when it is malformed or its MAC does not match (checked in constant time).
 * @example const at = await openCursor(query.cursor, secret) ?? badCursor()
 */
export async function openCursor(cursor: string, secret: string): Promise<CursorPosition | undefined> {
  const dot = cursor.indexOf('.')
  if (dot < 1) return undefined
  const payload = cursor.slice(0, dot)
  const hmac = await hmacSha256Key(secret)
  // A malformed segment (not base64url, not JSON) is no cursor, not an error.
  try {
    const mac = fromBase64url(cursor.slice(dot + 1))
    if (!(await crypto.subtle.verify('HMAC', hmac, mac, encoder.encode(CONTEXT + payload)))) return undefined
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(payload)))
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined
    const [sort, value, key] = parsed as unknown[]
    if (typeof sort !== 'string' || !isSqlValue(value) || !isSqlValue(key)) return undefined
    return { sort, value, key }
  } catch {
    return undefined
  }
}
