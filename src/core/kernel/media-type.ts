/** A parsed `Content-Type`: type and subtype lower-cased, parameter names lower-cased, values unquoted. */
export interface MediaType {
  /** `type/subtype`, lower case: what to compare. */
  readonly essence: string
  readonly params: ReadonlyMap<string, string>
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// One parameter after a `;`: a token name, `=`, then a token or a quoted string with backslash escapes.
const PARAM = /^[ \t]*;[ \t]*([!#$%&'*+.^_`|~0-9A-Za-z-]+)=(?:([!#$%&'*+.^_`|~0-9A-Za-z-]+)|"((?:[^"\\]|\\.)*)")[ \t]*/

/**
 * Parses a media type per RFC 9110 §8.3.1: type, subtype and parameter names are case-insensitive, values are
 * tokens or quoted strings. Undefined for anything malformed, including a parameter given twice (two charsets
 * would let two readers decode one body differently).
 * @example parseMediaType('Application/JSON; charset="UTF-8"') // { essence: 'application/json', params: charset -> 'UTF-8' }
 */
export function parseMediaType(header: string | null | undefined): MediaType | undefined {
  if (!header) return undefined
  const semi = header.indexOf(';')
  const essence = (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase()
  const slash = essence.indexOf('/')
  if (slash <= 0 || !TOKEN.test(essence.slice(0, slash)) || !TOKEN.test(essence.slice(slash + 1))) return undefined
  const params = new Map<string, string>()
  let rest = semi === -1 ? '' : header.slice(semi)
  while (rest.trim() !== '') {
    // An empty parameter (`;;` or a trailing `;`) is allowed by the grammar and means nothing.
    const empty = /^[ \t]*;[ \t]*(?=;|$)/.exec(rest)
    if (empty) {
      rest = rest.slice(empty[0].length)
      continue
    }
    const m = PARAM.exec(rest)
    if (!m) return undefined
    const name = m[1]!.toLowerCase()
    if (params.has(name)) return undefined
    params.set(name, m[2] ?? m[3]!.replace(/\\(.)/g, '$1'))
    rest = rest.slice(m[0].length)
  }
  return { essence, params }
}
