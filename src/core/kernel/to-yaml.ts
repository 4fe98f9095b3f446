type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json }

// Plain keys stay bare; anything YAML could read as another type or as syntax is quoted.
const PLAIN = /^[A-Za-z_$/][\w$/.-]*$/
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i
const key = (k: string) => (PLAIN.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k))
// JSON's string escapes are all valid in YAML's double-quoted scalars, so JSON.stringify quotes safely.
const scalar = (value: Json): string => (typeof value === 'string' ? JSON.stringify(value) : String(value))
const isEmpty = (value: Json) =>
  value !== null && typeof value === 'object' && (Array.isArray(value) ? value : Object.keys(value)).length === 0

function lines(value: Json, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value as readonly Json[]) {
      if (item !== null && typeof item === 'object' && !isEmpty(item)) {
        const nested: string[] = []
        lines(item, `${indent}  `, nested)
        out.push(`${indent}- ${nested[0]!.trimStart()}`, ...nested.slice(1))
      } else out.push(`${indent}- ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`)
    }
    return
  }
  for (const [k, v] of Object.entries(value as { readonly [key: string]: Json })) {
    if (v === undefined) continue // as JSON.stringify drops it
    if (v !== null && typeof v === 'object' && !isEmpty(v)) {
      out.push(`${indent}${key(k)}:`)
      lines(v, `${indent}  `, out)
    } else out.push(`${indent}${key(k)}: ${isEmpty(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v)}`)
  }
}

/**
 * Writes a JSON value (an object) as block-style YAML 1.2; strings are double-quoted, so nothing is reinterpreted.
 * @example toYaml({ openapi: '3.1.0', paths: {} }) // 'openapi: "3.1.0"\npaths: {}\n'
 */
export function toYaml(document: object): string {
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    throw new TypeError('toYaml expects an object')
  if (isEmpty(document as Json)) return '{}\n'
  const out: string[] = []
  lines(document as Json, '', out)
  return `${out.join('\n')}\n`
}
