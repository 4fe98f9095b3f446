import type { FieldProblem } from './errors'

/** Percent-decodes every path segment once; malformed encoding is a problem naming the parameter. */
export const decodeSegments = (raw: Readonly<Record<string, string>>): [string, string][] | FieldProblem => {
  const out: [string, string][] = []
  for (const k in raw) {
    const value = raw[k]!
    if (!value.includes('%')) {
      out.push([k, value])
      continue
    }
    try {
      out.push([k, decodeURIComponent(value)])
    } catch {
      return { in: 'path', name: k, pointer: `/${k}`, message: 'is not valid percent-encoding' }
    }
  }
  return out
}

// A path without parameters: one frozen empty object for every request.
const NO_PARAMS = { value: /* @__PURE__ */ Object.freeze({}) }

/**
 * The params of a route without a params schema: the decoded segments as strings (frozen), or the problem of a
 * malformed one.
 */
export const plainParams = (ctx: { readonly segments: Readonly<Record<string, string>> }) => {
  const decoded = decodeSegments(ctx.segments)
  if (!Array.isArray(decoded)) return [decoded]
  return decoded.length ? { value: Object.freeze(Object.fromEntries(decoded)) } : NO_PARAMS
}
