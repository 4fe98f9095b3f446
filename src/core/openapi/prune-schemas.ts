type Json = Record<string, unknown>
const PREFIX = '#/components/schemas/'

/**
 * Drops component schemas that nothing in the document references, directly or through other components:
 * e.g. the output shape of a schema only ever sent as input (its `…Input` twin is the one used).
 * @example pruneUnusedSchemas(document) // components.schemas keeps only what a $ref reaches
 */
export function pruneUnusedSchemas(document: Json): void {
  const components = document.components as Json | undefined
  const schemas = components?.schemas as Json | undefined
  if (!components || !schemas) return
  const used = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) visit(item)
    else if (node !== null && typeof node === 'object') {
      const ref = (node as Json).$ref
      if (typeof ref === 'string' && ref.startsWith(PREFIX) && !used.has(ref.slice(PREFIX.length))) {
        used.add(ref.slice(PREFIX.length))
        visit(schemas[ref.slice(PREFIX.length)])
      }
      for (const value of Object.values(node)) visit(value)
    }
  }
  visit({ ...document, components: { ...components, schemas: {} } })
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name]
}
