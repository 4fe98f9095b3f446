import { deref, type JsonSchema } from './operations'

/** A value that breaks a schema, and why. */
export interface Bad {
  label: string
  value: unknown
}

const types = (s: JsonSchema): string[] => {
  const d = deref(s)
  if (d.anyOf || d.oneOf) return (d.anyOf ?? d.oneOf ?? []).flatMap(types)
  if (d.enum) return [...new Set(d.enum.map((e) => (e === null ? 'null' : typeof e)))]
  return Array.isArray(d.type) ? d.type : d.type ? [d.type] : []
}
const isNumeric = (t: string[]) => t.includes('number') || t.includes('integer')
const MB = 1024 * 1024

/** JSON values that the schema refuses, derived from what the document says of it. */
export function badValues(schema: JsonSchema): Bad[] {
  const s = deref(schema)
  const t = types(schema)
  if (t.length === 0) return []
  const out: Bad[] = []
  if (!t.includes('null')) out.push({ label: 'null', value: null })
  if (!t.includes('string'))
    out.push({ label: 'a string', value: 'NaN' }, { label: 'Infinity as text', value: 'Infinity' })
  if (!isNumeric(t)) out.push({ label: 'a number', value: 12345 })
  if (!t.includes('boolean')) out.push({ label: 'a boolean', value: true })
  if (!t.includes('object')) out.push({ label: 'an object', value: { nested: { deeper: 1 } } })
  if (!t.includes('array')) out.push({ label: 'an array', value: [1, 2] })
  if (t.length === 1 && t[0] === 'string') {
    const constrained = (s.minLength ?? 0) >= 1 || s.format || s.pattern || s.enum
    if (constrained) out.push({ label: 'an empty string', value: '' })
    if (s.pattern || s.format || s.enum)
      out.push({ label: 'a whitespace-only string', value: ' '.repeat(Math.max(s.minLength ?? 1, 1)) })
    if (s.format || s.pattern || s.enum) out.push({ label: 'a NUL byte', value: 'a\u0000b' })
    if (s.maxLength !== undefined)
      out.push(
        { label: 'a 1 MB string', value: 'x'.repeat(MB) },
        { label: 'one character too many', value: 'x'.repeat(s.maxLength + 1) },
      )
  }
  if (t.length === 1 && isNumeric(t)) {
    if (s.minimum !== undefined && s.minimum >= 0) out.push({ label: 'a negative number', value: -1 })
    if (s.minimum !== undefined) out.push({ label: 'below the minimum', value: s.minimum - 1 })
    if (s.maximum !== undefined)
      out.push({ label: 'a huge number', value: 1e308 }, { label: 'above the maximum', value: s.maximum + 1 })
    if (t[0] === 'integer') out.push({ label: 'a non-integer', value: 1.5 })
  }
  return out
}

/** Texts a URL or header parameter of this schema refuses. */
export function badTexts(schema: JsonSchema): Bad[] {
  const s = deref(schema)
  const t = types(schema)
  const out: Bad[] = []
  if (isNumeric(t) || t.includes('boolean')) {
    out.push(
      { label: 'letters', value: 'abc' },
      { label: 'NaN', value: 'NaN' },
      { label: 'Infinity', value: 'Infinity' },
      { label: 'empty', value: '' },
    )
  }
  if (isNumeric(t)) {
    if (s.minimum !== undefined && s.minimum >= 0) out.push({ label: 'negative', value: '-1' })
    if (s.maximum !== undefined)
      out.push({ label: 'huge', value: '1e999' }, { label: 'too large', value: '99999999999999999999999' })
    if (t.includes('integer')) out.push({ label: 'non-integer', value: '1.5' })
  }
  if (t.length === 1 && t[0] === 'string') {
    if ((s.minLength ?? 0) >= 1 || s.format || s.pattern) out.push({ label: 'empty', value: '' })
    if (s.maxLength !== undefined) out.push({ label: 'too long', value: 'x'.repeat(s.maxLength + 1) })
    if (s.format === 'uuid') out.push({ label: 'not a uuid', value: 'not-a-uuid' })
    if (s.pattern) {
      const pattern = new RegExp(s.pattern)
      const off = ['!', 'x'.repeat(Math.max(s.minLength ?? 1, 1)), 'ZZZZ-ZZZZ', '0'.repeat(64)].find(
        (x) => !pattern.test(x),
      )
      if (off !== undefined) out.push({ label: 'off its pattern', value: off })
    }
  }
  // Longer than any key a store accepts (KV keys are at most 512 bytes): must be refused before any lookup.
  const bounded = isNumeric(t) || t.includes('boolean') || s.maxLength !== undefined || s.pattern || s.format || s.enum
  if (bounded) out.push({ label: '700 characters', value: isNumeric(t) ? '1'.repeat(700) : 'a'.repeat(700) })
  return out
}
