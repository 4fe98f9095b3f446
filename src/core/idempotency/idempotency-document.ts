import type { StageDescription } from '../openapi/stage-description'
import { KEY_PATTERN, MAX_KEY_LENGTH } from './idempotency-key'

type Json = Record<string, unknown>

/** What the idempotency key stage settled for a route: whether the key is required, and how long it is kept. */
export interface IdempotencyFacts {
  readonly required: boolean
  readonly ttl: number
}

/** Adds what idempotency does to an operation: the header, the replay marker, and the 400, 409 and 422 answers. */
export const idempotencyDescription: StageDescription<IdempotencyFacts> = {
  stages: ['idempotency(key)'],
  describe: (operation, { required, ttl }, route) => idempotencyDocument(operation, route.status, required, ttl),
}

function idempotencyDocument(operation: Json, status: number, required: boolean, ttl: number): void {
  const parameters = ((operation.parameters as Json[] | undefined) ?? []).slice()
  parameters.push({
    name: 'Idempotency-Key',
    in: 'header',
    required,
    description:
      `Makes a retry safe: a repeat with the same key (per caller, for ${ttl} s) gets the first response, marked ` +
      '`Idempotent-Replayed: true`, and changes nothing; the key may be sent bare or as a quoted string.',
    schema: { type: 'string', minLength: 1, maxLength: MAX_KEY_LENGTH, pattern: KEY_PATTERN.source },
  })
  operation.parameters = parameters
  const responses = operation.responses as Json
  const success = responses[String(status)] as Json | undefined
  if (success)
    success.headers = {
      ...(success.headers as Json | undefined),
      'Idempotent-Replayed': {
        description: '`true` when this is the stored response to an earlier request with the same Idempotency-Key',
        schema: { type: 'string', enum: ['true'] },
      },
    }
  responses['400'] ??= { $ref: '#/components/responses/ValidationFailed' }
  // A reference may carry its own description (OpenAPI 3.1): each says when this operation answers it.
  const also = (code: string, name: string, title: string, why: string) => {
    const own = (responses[code] as Json | undefined)?.description ?? title
    responses[code] = { $ref: `#/components/responses/${name}`, description: `${own}; or ${why}` }
  }
  // The 409 of a running key says when to retry: its own response, with Retry-After, where a shared one cannot.
  const conflict = (responses['409'] as Json | undefined)?.description ?? 'Conflict'
  responses['409'] = {
    description: `${conflict}; or a request with this Idempotency-Key is still running (retry after Retry-After)`,
    headers: {
      'Retry-After': { description: 'Seconds until the running request’s key is free', schema: { type: 'integer' } },
    },
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/Problem' },
        example: {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'A request with this Idempotency-Key is still running',
          instance: '/example',
        },
      },
    },
  }
  also(
    '422',
    'UnprocessableContent',
    'Unprocessable Content',
    'this Idempotency-Key was used with another request (method, path or body)',
  )
  operation['x-idempotency'] = { header: 'Idempotency-Key', required, ttl }
}
