import * as v from 'valibot'
import type { HeaderDocs } from '../kernel/document-headers'
import { statusTitle } from '../kernel/errors'
import { ValidationProblem } from './problem-schemas'

type Json = Record<string, unknown>
const PROBLEM = 'application/problem+json'
const text = { type: 'string' }

/** The name of the shared response of an error status (`components.responses`). */
export const responseName = (status: number): string =>
  (status === 400 ? 'ValidationFailed' : statusTitle(status).replace(/[^A-Za-z]/g, '')) || `Status${status}`

/**
 * Headers HTTP puts on an error status, wherever it comes from: the challenge of a 401 (RFC 9110 §11.6.1) and of
 * a scope refusal (RFC 6750 §3.1), what a 415 accepts (§12.5.1), the size a 416 is measured against (§14.4),
 * the protocol a 426 asks for (§15.5.22), and when to come back after a 503 (§10.2.3).
 */
export const STATUS_HEADERS: Readonly<Record<number, HeaderDocs>> = {
  401: {
    'WWW-Authenticate': { description: 'The challenge: how to authenticate (scheme, realm, error)', schema: text },
  },
  403: {
    'WWW-Authenticate': {
      description: 'Sent when a bearer credential lacks a scope: the challenge with error="insufficient_scope"',
      schema: text,
    },
  },
  415: { Accept: { description: 'The media types this operation accepts', schema: text } },
  416: { 'Content-Range': { description: 'bytes */size: the size the range was measured against', schema: text } },
  426: { Upgrade: { description: 'The protocol to upgrade to: websocket', schema: { const: 'websocket' } } },
  503: {
    'Retry-After': {
      description: 'Seconds until the service is expected back, when known',
      schema: { type: 'integer' },
    },
  },
}

/** What went wrong, in the core's words, per status: the example every shared response carries. */
const DETAILS: Readonly<Record<number, string>> = {
  401: 'Authentication is required',
  403: 'You may not do this',
  404: 'No such resource',
  409: 'The request conflicts with the current state of the resource',
  412: 'The resource has changed since you read it',
  413: 'The request body is larger than this operation accepts',
  415: 'This operation accepts application/json',
  416: 'The range starts past the end of the content',
  422: 'The request is well-formed but cannot be processed',
  426: 'This resource is a WebSocket: send Upgrade: websocket',
  429: 'Too many requests: retry after the time given in Retry-After',
  500: 'An unexpected error occurred',
  503: 'The service is unavailable: retry later',
}

/** The problem a status answers with, as the core builds it: the example of its shared response. */
export const problemExample = (status: number): Json =>
  status === 400
    ? { ...v.getMetadata(ValidationProblem).examples[0] }
    : {
        type: 'about:blank',
        title: statusTitle(status),
        status,
        ...(DETAILS[status] ? { detail: DETAILS[status] } : {}),
        instance: '/example',
      }

/** The shared response of an error status: its problem schema, example and headers (without a `$ref`). */
export function sharedResponse(status: number, headers: (docs: HeaderDocs) => Json): Json {
  const own = STATUS_HEADERS[status]
  return {
    description: status === 400 ? 'The request is invalid; every problem is listed' : statusTitle(status),
    ...(own ? { headers: headers(own) } : {}),
    content: {
      [PROBLEM]: {
        schema: { $ref: `#/components/schemas/${status === 400 ? 'ValidationProblem' : 'Problem'}` },
        example: problemExample(status),
      },
    },
  }
}
