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
        // A download is bytes: an inline example says nothing. A multipart form names its fields, so it has one.
        if (isBinary(schema, resolve)) return
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
