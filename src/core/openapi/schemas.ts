import { type ConversionConfig, type JsonSchema, toJsonSchema, toJsonSchemaDefs } from '@valibot/to-json-schema'
import * as v from 'valibot'
import { OPTIONAL_WRAPPERS } from '../kernel/schema-wrappers'

type Node = {
  readonly kind?: string
  readonly type?: string
  readonly title?: string
  readonly pipe?: readonly Node[]
  readonly entries?: Readonly<Record<string, Node>>
  readonly item?: Node
  readonly wrapped?: Node
  readonly options?: readonly Node[]
  readonly rest?: Node
  readonly items?: readonly Node[]
}

const titleOf = (s: Node): string | undefined => v.getTitle(s as unknown as v.GenericSchema)

/** Collects every schema carrying `v.title(...)`: each becomes a named component referenced by `$ref`. */
export function collectNamed(roots: Iterable<v.GenericSchema>, into: Map<string, v.GenericSchema>): void {
  const seen = new Set<Node>()
  const walk = (s: Node | undefined) => {
    if (!s || typeof s !== 'object' || seen.has(s)) return
    seen.add(s)
    const title = titleOf(s)
    if (title) {
      const existing = into.get(title)
      if (existing && existing !== (s as unknown)) throw new Error(`Two different schemas are named "${title}"`)
      into.set(title, s as unknown as v.GenericSchema)
    }
    for (const p of s.pipe ?? []) if (p !== s && p.kind === 'schema') walk(p)
    for (const e of Object.values(s.entries ?? {})) walk(e)
    for (const o of s.options ?? []) walk(o)
    for (const i of s.items ?? []) walk(i)
    walk(s.item)
    walk(s.wrapped)
    walk(s.rest)
  }
  for (const r of roots) walk(r as unknown as Node)
}

const binary = { type: 'string', format: 'binary' } as JsonSchema
const overrideSchema: ConversionConfig['overrideSchema'] = ({ valibotSchema, jsonSchema }) => {
  const t = (valibotSchema as Node).type
  if (t === 'file' || t === 'blob') return binary
  if (t === 'date') return { type: 'string', format: 'date-time' }
  if (t === 'variant') return discriminated(valibotSchema as unknown as Variant, jsonSchema)
  return undefined
}

type Variant = { key: string; options: { entries?: Record<string, { literal?: unknown }> }[] }

/**
 * A variant's alternatives are told apart by one property: when each is a named schema, say which property and
 * which value selects which schema (`discriminator`), for generated clients' tagged unions. Inline alternatives
 * cannot be selected by name, so they stay a plain `oneOf` (each with its `const`).
 */
function discriminated(variant: Variant, json: JsonSchema): JsonSchema | undefined {
  const alternatives = (json.oneOf ?? []) as { $ref?: string }[]
  if (!alternatives.length || alternatives.some((a) => !a.$ref)) return undefined
  const mapping: Record<string, string> = {}
  for (const [i, option] of variant.options.entries()) {
    const value = option.entries?.[variant.key]?.literal
    if (typeof value !== 'string') return undefined
    mapping[value] = alternatives[i]!.$ref!
  }
  return { ...json, discriminator: { propertyName: variant.key, mapping } } as JsonSchema
}

type JsonNode = { properties?: Record<string, JsonNode>; required?: string[]; items?: JsonNode; $ref?: string }

/** The converter leaves fields with defaults optional; in output they are always present, so require them. */
function requireDefaults(schema: Node | undefined, json: JsonNode | undefined): void {
  if (!schema || !json || json.$ref) return
  let s = schema
  while (OPTIONAL_WRAPPERS.has(s.type ?? '') && s.wrapped && !('default' in s && s.default !== undefined)) s = s.wrapped
  if (s.entries && json.properties) {
    for (const [key, entry] of Object.entries(s.entries)) {
      const hasDefault =
        OPTIONAL_WRAPPERS.has(entry.type ?? '') && (entry as { default?: unknown }).default !== undefined
      if (hasDefault && !json.required?.includes(key)) json.required = [...(json.required ?? []), key]
      requireDefaults(hasDefault ? entry.wrapped : entry, json.properties[key])
    }
  }
  if (s.item) requireDefaults(s.item, json.items)
}

// The converter may hand back shared objects; copy before adjusting.
const strip = (schema: JsonSchema): JsonSchema => {
  const { $schema: _s, $defs: _d, ...rest } = schema as Record<string, unknown>
  return structuredClone(rest) as JsonSchema
}

/** Direction of a schema: what a client sends (input) or receives (output). */
export type Mode = 'input' | 'output'

/** Converts valibot schemas to JSON Schema 2020-12 with named schemas as component refs. */
export class SchemaConverter {
  /** Names whose input shape differs from their output shape get an `Input` twin. */
  private readonly split = new Set<string>()

  constructor(private readonly named: Map<string, v.GenericSchema>) {
    const defs = Object.fromEntries(named)
    const input = toJsonSchemaDefs(defs, this.config('input'))
    const output = toJsonSchemaDefs(defs, this.config('output'))
    for (const name of named.keys()) {
      const out = strip(output[name]!)
      requireDefaults(named.get(name) as unknown as Node, out as JsonNode)
      if (JSON.stringify(strip(input[name]!)) !== JSON.stringify(out)) this.split.add(name)
    }
  }

  private config(mode: Mode): ConversionConfig {
    return {
      target: 'draft-2020-12',
      typeMode: mode,
      errorMode: 'ignore',
      overrideSchema,
      overrideRef: ({ referenceId }) =>
        `#/components/schemas/${referenceId}${mode === 'input' && this.split.has(referenceId) ? 'Input' : ''}`,
    }
  }

  convert(schema: v.GenericSchema, mode: Mode): JsonSchema {
    const json = strip(toJsonSchema(schema, { ...this.config(mode), definitions: Object.fromEntries(this.named) }))
    if (mode === 'output') requireDefaults(schema as unknown as Node, json as JsonNode)
    return json
  }

  /** The `components.schemas` entries. */
  components(): Record<string, JsonSchema> {
    const defs = Object.fromEntries(this.named)
    const out: Record<string, JsonSchema> = {}
    const output = toJsonSchemaDefs(defs, this.config('output'))
    const input = toJsonSchemaDefs(defs, this.config('input'))
    for (const name of [...this.named.keys()].sort()) {
      out[name] = strip(output[name]!)
      requireDefaults(this.named.get(name) as unknown as Node, out[name] as JsonNode)
      if (this.split.has(name)) out[`${name}Input`] = strip(input[name]!)
    }
    return out
  }
}
