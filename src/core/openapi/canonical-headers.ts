import { canonicalHeaderName } from './header-name'

type Json = Record<string, unknown>

const asJson = (value: unknown): Json | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined

/** A response's `headers` map with every name canonical; two spellings of one header keep the first. */
const renameHeaders = (response: Json | undefined) => {
  const headers = asJson(response?.headers)
  if (!response || !headers) return
  const out: Json = {}
  for (const [name, header] of Object.entries(headers)) out[canonicalHeaderName(name)] ??= header
  response.headers = out
}

/**
 * Rewrites every header name in a generated document, after every extension has added its own, into the
 * one canonical spelling: header parameters (handler specs declare them in lower case, since that is how
 * requests are read), response headers of operations and shared responses, and `apiKey` security schemes
 * sent in a header. One pass over the finished document, so no producer of header names can be missed.
 * @example canonicalHeaders(document) // parameters[].name 'if-none-match' -> 'If-None-Match'
 */
export function canonicalHeaders(document: Json): void {
  const components = asJson(document.components)
  for (const item of Object.values(asJson(document.paths) ?? {}))
    for (const operation of Object.values(asJson(item) ?? {})) {
      const op = asJson(operation)
      if (!op) continue
      if (Array.isArray(op.parameters)) {
        const seen = new Set<string>()
        op.parameters = (op.parameters as Json[]).filter((p) => {
          if (p.in !== 'header' || typeof p.name !== 'string') return true
          const name = canonicalHeaderName(p.name)
          p.name = name
          // One header documented twice (a spec's `if-none-match` and the cache's) is one parameter.
          if (seen.has(name)) return false
          seen.add(name)
          return true
        })
      }
      for (const response of Object.values(asJson(op.responses) ?? {})) renameHeaders(asJson(response))
    }
  for (const response of Object.values(asJson(components?.responses) ?? {})) renameHeaders(asJson(response))
  for (const scheme of Object.values(asJson(components?.securitySchemes) ?? {})) {
    const s = asJson(scheme)
    if (s?.type === 'apiKey' && s.in === 'header' && typeof s.name === 'string') s.name = canonicalHeaderName(s.name)
  }
}
