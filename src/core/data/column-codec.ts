import * as v from 'valibot'
import { WRAPPERS } from '../kernel/schema-wrappers'

/**
 * How a field's value lives in a D1 column: `plain` as it is (TEXT, INTEGER, REAL), `boolean` as 0/1,
 * `timestamp` as the UTC text `toISOString()` writes (so text order is time order), `json` as JSON text.
 */
export type ColumnKind = 'plain' | 'boolean' | 'timestamp' | 'json'

/** A field's column: how to write and read it, and what a NULL in the column reads as. */
export interface ColumnCodec {
  readonly kind: ColumnKind
  encode(value: unknown): unknown
  decode(value: unknown): unknown
  /** What a NULL column reads as: the schema's default, null (nullable), or absent (`undefined`, optional). */
  readonly onNull: { readonly value: unknown } | undefined
  /** The schema's default, fresh (a default may be a function); undefined when it has none. */
  readonly fallback: () => unknown
}

interface Node {
  readonly type: string
  readonly wrapped?: Node
  readonly options?: readonly (Node | string | number)[]
  readonly literal?: unknown
  readonly pipe?: readonly { readonly type: string; readonly kind?: string }[]
  readonly default?: unknown
}

const PLAIN = new Set(['string', 'number', 'picklist', 'enum'])
const JSON_TYPES = new Set([
  'array',
  'object',
  'strict_object',
  'loose_object',
  'object_with_rest',
  'tuple',
  'strict_tuple',
  'loose_tuple',
  'tuple_with_rest',
  'record',
  'intersect',
])
// Actions that change the type: the column would hold one type and the schema read back another. A `transform`
// is taken at its word (it must keep its input's type: trimming, normalizing).
const OPAQUE_ACTIONS = new Set([
  'to_date',
  'to_number',
  'to_bigint',
  'to_boolean',
  'to_string',
  'parse_json',
  'stringify_json',
  'parse_boolean',
])
const MIXED = 'its options are stored differently; give them one kind (all text/numbers, all objects)'
const HINT: Readonly<Record<string, string>> = {
  date: 'store dates as ISO 8601 text: v.pipe(v.string(), v.isoTimestamp()) or v.pipe(v.string(), v.isoDate())',
  bigint: 'D1 returns numbers; use v.pipe(v.number(), v.safeInteger())',
  union: MIXED,
  variant: MIXED,
}

/** The kind of a schema, or the reason it cannot be stored. */
function kindOf(node: Node): ColumnKind | string {
  for (const action of node.pipe ?? [])
    if (OPAQUE_ACTIONS.has(action.type)) return `its pipe has ${action.type}, which changes its type`
  if (WRAPPERS.has(node.type) && node.wrapped) return kindOf(node.wrapped)
  if (node.type === 'boolean') return 'boolean'
  if (node.type === 'string') return node.pipe?.some((a) => a.type === 'iso_timestamp') ? 'timestamp' : 'plain'
  if (PLAIN.has(node.type)) return 'plain'
  if (node.type === 'literal')
    return typeof node.literal === 'boolean'
      ? 'boolean'
      : typeof node.literal === 'bigint'
        ? 'a bigint literal'
        : 'plain'
  if (JSON_TYPES.has(node.type)) return 'json'
  if ((node.type === 'union' || node.type === 'variant') && node.options?.length) {
    const kinds = new Set(node.options.map((o) => (typeof o === 'object' ? kindOf(o) : 'plain')))
    const [only] = kinds
    if (kinds.size === 1 && (only === 'plain' || only === 'json' || only === 'boolean')) return only
    return `a ${node.type}: ${HINT[node.type]}`
  }
  return `a ${node.type} schema${HINT[node.type] ? `: ${HINT[node.type]}` : ' has no column type'}`
}

// The wrappers that let a value be null, or absent.
const TAKES = {
  nullable: ['nullish', 'nullable'],
  optional: ['nullish', 'optional', 'exact_optional', 'undefinedable'],
}
const accepts = (node: Node, type: keyof typeof TAKES): boolean =>
  TAKES[type].includes(node.type) ||
  (WRAPPERS.has(node.type) && !!node.wrapped && !node.type.startsWith('non_') && accepts(node.wrapped, type))

/** Timestamps become `toISOString()` text; anything the Date parser cannot read is kept, for validation to refuse. */
const utc = (value: unknown): unknown => {
  if (typeof value !== 'string') return value
  const time = Date.parse(value.replace(' ', 'T').replace(',', '.'))
  return Number.isNaN(time) ? value : new Date(time).toISOString()
}

const CODECS: Readonly<Record<ColumnKind, Pick<ColumnCodec, 'encode' | 'decode'>>> = {
  plain: { encode: (x) => x, decode: (x) => x },
  boolean: {
    encode: (x) => (typeof x === 'boolean' ? (x ? 1 : 0) : x),
    decode: (x) => (x === 1 || x === 0 ? x === 1 : x),
  },
  timestamp: { encode: utc, decode: (x) => x },
  json: {
    encode: (x) => (x === null || x === undefined ? x : JSON.stringify(x)),
    decode: (x) => (typeof x === 'string' ? JSON.parse(x) : x),
  },
}

/**
 * The codec of one model field; throws, naming the field, when its schema is one D1 cannot hold and give back equal.
 * @example columnCodec('widgets', 'done', v.boolean()).decode(0) // false
 */
export function columnCodec(table: string, field: string, schema: v.GenericSchema): ColumnCodec {
  const node = schema as unknown as Node
  const kind = kindOf(node)
  if (!(kind in CODECS)) throw new Error(`defineModel(${table}): field "${field}" cannot be stored in D1: ${kind}`)
  const { encode, decode } = CODECS[kind as ColumnKind]
  const defaulted = node.default !== undefined
  const onNull = defaulted
    ? { value: v.getDefault(schema) }
    : accepts(node, 'nullable')
      ? { value: null }
      : accepts(node, 'optional')
        ? { value: undefined }
        : undefined
  return {
    kind: kind as ColumnKind,
    encode: (value) => (value === null || value === undefined ? value : encode(value)),
    // A default may be a function (a fresh value each time): it is asked again for every NULL read.
    decode: (value) =>
      value !== null ? decode(value) : defaulted ? v.getDefault(schema) : onNull ? onNull.value : null,
    onNull,
    // A schema without a default gives undefined.
    fallback: () => v.getDefault(schema),
  }
}
