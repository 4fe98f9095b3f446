// Redocly rules the configurable assertions cannot express. Loaded by ../../redocly.yaml.

const isBinary = (schema, resolve) =>
  (schema?.type === 'string' && schema.format === 'binary') ||
  (schema?.type === 'array' && isBinary(resolve(schema.items), resolve))

/** Every request and response body that is data (not bytes) carries an example for readers and tools. */
function BodyHasExample() {
  return {
    MediaType: {
      enter(media, ctx) {
        if (media.example !== undefined || media.examples !== undefined || !media.schema) return
        const resolve = (node) => (node ? ctx.resolve(node).node : undefined)
        const schema = resolve(media.schema)
        // Downloads and multipart uploads are bytes: an inline example says nothing.
        if (
          isBinary(schema, resolve) ||
          Object.values(schema?.properties ?? {}).some((p) => isBinary(resolve(p), resolve))
        )
          return
        ctx.report({
          message: 'A request or response body needs an example: add `v.metadata({ examples: [...] })` to its schema.',
          location: ctx.location,
        })
      },
    },
  }
}

export default function edgeApiPlugin() {
  return { id: 'edge-api', rules: { oas3: { 'body-has-example': BodyHasExample } } }
}
