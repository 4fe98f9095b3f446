import * as v from 'valibot'
import type { SchemaConverter } from './schemas'

type Json = Record<string, unknown>

/** Sequential media types: a body of items, read one at a time, never as one JSON value. */
export const SEQUENTIAL_TYPES: ReadonlySet<string> = new Set([
  'application/x-ndjson',
  'application/jsonl',
  'application/json-seq',
])

const exampleOf = (schema: v.GenericSchema): unknown =>
  (v.getMetadata(schema) as { examples?: unknown[] } | undefined)?.examples?.[0]

/** Headers an event stream carries: never stored, never buffered or transformed on the way. */
export const EVENT_STREAM_HEADERS: Json = {
  'Cache-Control': { description: 'no-store, no-transform: a stream is never cached', schema: { type: 'string' } },
  'X-Accel-Buffering': { description: 'no: proxies pass each event on at once', schema: { const: 'no' } },
}

// The core frames a string payload as it is and anything else as JSON (sse-frame.ts): text is text.
const dataSchema = (payload: Json): Json =>
  payload.type === 'string' ? payload : { type: 'string', contentMediaType: 'application/json', contentSchema: payload }

/**
 * An event stream's media type. OpenAPI 3.1 has no way to say "a sequence of these", so `schema` says what the
 * body is to a 3.1 client (text, read as it arrives) and `x-itemSchema` what each event is, in OpenAPI 3.2's
 * `itemSchema` shape for `text/event-stream`: `event`, `id`, `retry`, and `data` as text whose
 * `contentMediaType` is JSON and whose `contentSchema` is the event type's schema. `/openapi-3.2.json` is the
 * same document with `itemSchema` in place.
 */
export function eventsMedia(events: Readonly<Record<string, v.GenericSchema>>, conv: SchemaConverter): Json {
  let example: string | undefined
  for (const [event, schema] of Object.entries(events)) {
    const data = exampleOf(schema)
    if (data !== undefined) example ??= `id: 1\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`
  }
  const itemSchema = {
    description: "One server-sent event; its JSON `data` is the event type's payload (also in /asyncapi.json)",
    oneOf: Object.entries(events).map(([name, schema]) => ({
      type: 'object',
      title: name,
      required: ['event', 'data'],
      properties: {
        id: { type: 'string', description: 'Send it back as Last-Event-ID to resume after this event' },
        event: { const: name },
        data: dataSchema(conv.convert(schema, 'output') as Json),
        retry: { type: 'integer', minimum: 0, description: 'Milliseconds to wait before reconnecting' },
      },
    })),
  }
  return {
    schema: {
      type: 'string',
      description: 'A text/event-stream (HTML standard): read it as it arrives; each event is x-itemSchema',
    },
    'x-itemSchema': itemSchema,
    ...(example ? { example } : {}),
  }
}

/** A sequence of JSON values, one a line: the body is text to a 3.1 client, each line `x-itemSchema`. */
export function linesMedia(schema: v.GenericSchema, conv: SchemaConverter): Json {
  const example = exampleOf(schema)
  const examples = (v.getMetadata(schema) as { examples?: unknown[] } | undefined)?.examples ?? []
  return {
    schema: { type: 'string', description: 'One JSON value a line: read it as it arrives; each line is x-itemSchema' },
    'x-itemSchema': conv.convert(schema, 'output'),
    ...(example !== undefined ? { example: examples.map((e) => `${JSON.stringify(e)}\n`).join('') } : {}),
  }
}
