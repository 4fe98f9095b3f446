import { fromBase64, toBase64, toBase64url } from '../kernel/base64'
/** A cached response as stored: status, headers, body, validator, and the tag versions it was made under. */
export interface CacheEntry {
  readonly status: number
  readonly headers: readonly (readonly [string, string])[]
  /** The body as text ('t') or base64 ('b'). */
  readonly body: string
  readonly encoding: 't' | 'b'
  readonly etag: string
  /** Tag -> version at the time the response was computed; any change makes the entry stale. */
  readonly versions: Readonly<Record<string, string>>
  /** Expiry in epoch milliseconds. */
  readonly expires: number
}

const TEXTUAL = /json|text|xml|javascript|x-www-form-urlencoded/

/** A strong validator from the body's SHA-256, so equal bodies get equal ETags in every isolate. */
export async function etagOf(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body))
  return `"${toBase64url(digest.subarray(0, 18))}"`
}

/** Turns a response's parts into an entry. */
export function toEntry(
  status: number,
  headers: Headers,
  body: ArrayBuffer,
  etag: string,
  versions: Record<string, string>,
  expires: number,
): CacheEntry {
  const type = headers.get('content-type') ?? ''
  const textual = TEXTUAL.test(type)
  return {
    status,
    headers: [...headers].filter(([name]) => name !== 'set-cookie'),
    body: textual ? new TextDecoder().decode(body) : toBase64(new Uint8Array(body)),
    encoding: textual ? 't' : 'b',
    etag,
    versions,
    expires,
  }
}

/** Rebuilds the response an entry holds. */
export function fromEntry(entry: CacheEntry): Response {
  const body = entry.encoding === 't' ? entry.body : fromBase64(entry.body)
  return new Response(body, { status: entry.status, headers: entry.headers as [string, string][] })
}
