import fc from 'fast-check'
import { valid } from './arbitrary'
import { fillPath, type JsonSchema, type Operation } from './operations'

/** One valid sample per input of an operation, reproducible, sent with `auth`. */
export function baseline(op: Operation, auth: Record<string, string> = {}, seed = 7) {
  const sample = (schema: JsonSchema): unknown => fc.sample(valid(schema), { numRuns: 1, seed })[0]
  const path: Record<string, string> = {}
  const query = new URLSearchParams()
  const headers: Record<string, string> = {}
  for (const p of op.parameters) {
    if (!p.required && p.in !== 'path') continue
    const value = sample(p.schema)
    const text = String(Array.isArray(value) ? value[0] : value)
    if (p.in === 'path') path[p.name] = encodeURIComponent(text)
    else if (p.in === 'query') query.set(p.name, text)
    else if (p.in === 'header') headers[p.name] = text
  }
  const body = op.body ? sample(op.body.schema) : undefined
  const validBody = op.body ? encode(op.body.contentType, body) : undefined
  /** The operation's request with this body and these headers over the baseline's and the credentials. */
  const withBody = (content: BodyInit | null, extra: Record<string, string>): RequestInit => ({
    method: op.method,
    headers: { ...headers, ...auth, ...extra },
    body: content,
  })
  return {
    path,
    query,
    headers,
    body,
    sample,
    withBody,
    /** The valid request itself. */
    init: (): RequestInit => withBody(validBody?.body ?? null, validBody?.headers ?? {}),
    url: () => `${fillPath(op.path, path)}${query.size ? `?${query}` : ''}`,
  }
}

/** The valid request of an operation, as `baseline` builds it. */
export type Baseline = ReturnType<typeof baseline>

/** Encodes a body the way the operation's media type wants it. */
export function encode(contentType: string, body: unknown): { body: BodyInit; headers: Record<string, string> } {
  if (contentType === 'application/json')
    return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
  const form = new FormData()
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    for (const item of Array.isArray(v) ? v : [v]) form.append(k, item instanceof File ? item : String(item))
  }
  if (contentType === 'multipart/form-data') return { body: form, headers: {} }
  const params = new URLSearchParams()
  for (const [k, v] of form.entries()) if (typeof v === 'string') params.append(k, v)
  return { body: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
}

/**
 * A response's text; an event stream never ends, so it is checked to have started and then cancelled (its events
 * are checked by the realtime tests), and '' stands for its body.
 */
export async function bodyText(res: Response): Promise<string> {
  // Decoded by hand: workerd warns on .text() of a body whose type is not text (NDJSON, problem+json).
  if (!/^text\/event-stream/.test(res.headers.get('content-type') ?? ''))
    return new TextDecoder().decode(await res.arrayBuffer())
  await res.body?.cancel()
  return ''
}
