import type * as v from 'valibot'
import type { CallbackDoc, WebhookDoc } from '../kernel/callback'
import type { ResponseDoc } from '../kernel/handler'
import type { SchemaConverter } from './schemas'

type Json = Record<string, unknown>

/** What the receiver of a callback or webhook answers, as OpenAPI responses: any 2XX unless declared. */
export function receiverResponses(
  responses: Readonly<Record<string, ResponseDoc>> | undefined,
  conv: SchemaConverter,
): Json {
  if (!responses || !Object.keys(responses).length)
    return { '2XX': { description: 'Received: any other answer counts as a failed delivery' } }
  return Object.fromEntries(
    Object.entries(responses).map(([status, doc]) => [
      status,
      {
        description: doc.description,
        ...(doc.schema
          ? {
              content: {
                [String(doc.contentType ?? 'application/json')]: { schema: conv.convert(doc.schema, 'output') },
              },
            }
          : {}),
      },
    ]),
  )
}

// The Standard Webhooks headers a signed delivery carries.
const SIGNATURE_HEADERS = [
  [
    'webhook-id',
    "The delivery's id: the same on every retry of one event, so a receiver can drop duplicates",
    {
      type: 'string',
    },
  ],
  [
    'webhook-timestamp',
    'When it was signed, in seconds since the epoch: refuse old ones to stop replays',
    {
      type: 'string',
      pattern: '^[0-9]+$',
    },
  ],
  [
    'webhook-signature',
    'v1, then the base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` under the shared secret',
    {
      type: 'string',
      pattern: '^v1,[A-Za-z0-9+/]+={0,2}$',
    },
  ],
] as const

/** A request the API sends (a callback or a webhook) as an OpenAPI operation: its JSON body and the receiver's answers. */
export function outboundOperation(
  doc: Pick<CallbackDoc, 'summary' | 'description' | 'body' | 'responses'> & { readonly signed?: boolean },
  operationId: string | undefined,
  conv: SchemaConverter,
): Json {
  return {
    ...(operationId ? { operationId } : {}),
    ...(doc.summary ? { summary: doc.summary } : {}),
    ...(doc.description ? { description: doc.description } : {}),
    ...(doc.signed
      ? {
          parameters: SIGNATURE_HEADERS.map(([name, description, schema]) => ({
            name,
            in: 'header',
            required: true,
            description,
            schema,
          })),
        }
      : {}),
    requestBody: { required: true, content: { 'application/json': { schema: conv.convert(doc.body, 'output') } } },
    responses: receiverResponses(doc.responses as Readonly<Record<string, ResponseDoc>> | undefined, conv),
    security: [],
  }
}

/** An operation's `callbacks`: each name, its expression, and the request sent there. */
export function callbacksOf(callbacks: Readonly<Record<string, CallbackDoc>>, conv: SchemaConverter): Json {
  return Object.fromEntries(
    Object.entries(callbacks).map(([name, cb]) => [
      name,
      { [cb.expression]: { [(cb.method ?? 'POST').toLowerCase()]: outboundOperation(cb, undefined, conv) } },
    ]),
  )
}

/** The schemas requests sent out use (bodies and the receivers' answers), for the components to name. */
export const outboundSchemas = (docs: readonly WebhookDoc[]): v.GenericSchema[] =>
  docs.flatMap((d) => [d.body, ...Object.values(d.responses ?? {}).flatMap((r) => (r.schema ? [r.schema] : []))])

/** The document's `webhooks`: each named request, by its method. */
export const webhooksOf = (webhooks: readonly (readonly [string, WebhookDoc])[], conv: SchemaConverter): Json =>
  Object.fromEntries(
    webhooks.map(([name, w]) => [
      name,
      { [(w.method ?? 'POST').toLowerCase()]: outboundOperation(w, `${name}Webhook`, conv) },
    ]),
  )
