import fc from 'fast-check'
import { deref, type JsonSchema } from './operations'

const word = fc.stringMatching(/^[a-z]{1,12}$/)
const email = fc.tuple(word, word, fc.constantFrom('com', 'org', 'dev')).map(([a, b, tld]) => `${a}@${b}.${tld}`)

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'email') return email
  if (s.format === 'uuid') return fc.uuid()
  if (s.format === 'date-time')
    return fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString())
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern))
  const min = s.minLength ?? 0
  const max = Math.min(s.maxLength ?? min + 40, min + 200)
  // Printable text, with some SQL and markup metacharacters that must round-trip verbatim.
  return fc
    .string({ unit: fc.constantFrom(...'abcXYZ019 _-%\'";<>&\\/é✓'.split('')), minLength: min, maxLength: max })
    .filter((x) => x.trim().length >= Math.min(min, 1))
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-6) : -1e6)
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-6) : 1e6)
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
}

/** Values the schema accepts (for the subset of JSON Schema the generator emits). */
export function valid(schema: JsonSchema): fc.Arbitrary<unknown> {
  const s = deref(schema)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const options = s.anyOf ?? s.oneOf
  if (options) return fc.oneof(...options.map(valid))
  const type = Array.isArray(s.type) ? s.type[0] : s.type
  switch (type) {
    case 'string':
      return s.format === 'binary'
        ? fc.constant(new File(['hello'], 'hello.txt', { type: 'text/plain' }))
        : stringArb(s)
    case 'integer':
      return numberArb(s, true)
    case 'number':
      return numberArb(s, false)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(valid(s.items ?? {}), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) })
    case 'object': {
      const required = new Set(s.required ?? [])
      const entries = Object.entries(s.properties ?? {})
      const record: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [k, v] of entries) record[k] = valid(v)
      return fc.record(record, { requiredKeys: entries.map(([k]) => k).filter((k) => required.has(k)) })
    }
    default:
      return fc.jsonValue()
  }
}
