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

// OpenAPI's runtime expressions (3.1 §4.8.20.4): $url, $method, $statusCode, or a part of the request or response.
const EXPRESSION =
  /\{\$(?:url|method|statusCode|(?:request|response)\.(?:header\.[!#$%&'*+.^_`|~0-9A-Za-z-]+|query\.[^{}]+|path\.[^{}]+|body(?:#(?:\/[^{}]*)?)?))\}/g

/**
 * Checks a route's callbacks: each name a token, each expression a URL or one with runtime expressions only (a
 * stray brace or an unknown source would be a URL no client can resolve).
 */
function checkCallbacks(where: string, callbacks: Readonly<Record<string, CallbackDoc>>): void {
  for (const [name, cb] of Object.entries(callbacks)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name))
      throw new Error(`${where} declares the callback "${name}": a callback name is letters, digits, . _ and -`)
    const rest = cb.expression.replace(EXPRESSION, '')
    const expressions = cb.expression.length - rest.length
    if (/[{}\s]/.test(rest) || (!expressions && !URL.canParse(cb.expression)))
      throw new Error(
        `${where} declares the callback "${name}" at ${JSON.stringify(cb.expression)}, which is neither a URL nor a runtime expression such as {$request.body#/callbackUrl}`,
      )
  }
}

/**
 * An operation's `callbacks`: each name, its expression, and the request sent there. Callbacks only shape the
 * document, so they are checked here, where it is generated: a bad name or expression refuses the document,
 * naming the route (`where`), and the app's Worker carries none of the check.
 */
export function callbacksOf(
  where: string,
  callbacks: Readonly<Record<string, CallbackDoc>>,
  conv: SchemaConverter,
): Json {
  checkCallbacks(where, callbacks)
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
