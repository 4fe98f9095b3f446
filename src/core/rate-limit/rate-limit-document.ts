import { onEveryResponse } from '../kernel/document-headers'
import type { StageDescription } from '../openapi/stage-description'
import type { RateLimitPolicy } from './policy'

type Json = Record<string, unknown>

const headerDocs = {
  'RateLimit-Policy': {
    description: 'Quota policies of this operation (IETF httpapi-ratelimit-headers): "name";q=limit;w=window',
    schema: { type: 'string' },
  },
  RateLimit: {
    description: 'What is left of each policy: "name";r=remaining;t=seconds until a request slot frees',
    schema: { type: 'string' },
  },
}

/** What a rate-limited route's stage settled: every policy of the route, and the plugin's default on an outage. */
export interface RateLimitFacts {
  readonly policies: readonly (RateLimitPolicy & { name: string })[]
  readonly defaultMode: 'open' | 'closed'
}

/**
 * Adds a route's rate limits to its operation: the policies, their headers, and the 429 (and 503) answers. One of
 * the route's stages carries the facts, so a route limited at two positions is described once.
 */
export const rateLimitDescription: StageDescription<RateLimitFacts> = {
  stages: ['rateLimit', 'rateLimit(inputs)'],
  describe: (operation, { policies, defaultMode }) => rateLimitDocument(operation, policies, defaultMode),
}

function rateLimitDocument(
  operation: Json,
  policies: readonly (RateLimitPolicy & { name: string })[],
  defaultMode: 'open' | 'closed',
): void {
  const responses = operation.responses as Json
  // Every answer of a limited route says where the client stands, refusals included.
  onEveryResponse(operation, headerDocs)
  const summary = policies
    .map((p) => `${p.name}: ${p.limit} per ${p.window} s by ${typeof p.key === 'function' ? 'a custom key' : p.key}`)
    .join('; ')
  const first = policies[0]
  responses['429'] = {
    description: `Too Many Requests (${summary})`,
    // RateLimit and RateLimit-Policy come with every response (onEveryResponse above).
    headers: { 'Retry-After': { description: 'Seconds until a request may succeed', schema: { type: 'integer' } } },
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/Problem' },
        example: {
          type: 'about:blank',
          title: 'Too Many Requests',
          status: 429,
          detail: `Rate limit "${first?.name}" exceeded: at most ${first?.limit} requests per ${first?.window} s; retry in 1 s`,
          instance: '/example',
        },
      },
    },
  }
  if (policies.some((p) => (p.onUnavailable ?? defaultMode) === 'closed'))
    responses['503'] ??= { $ref: '#/components/responses/ServiceUnavailable' }
  operation['x-rate-limit'] = policies.map((p) => ({
    name: p.name,
    limit: p.limit,
    window: p.window,
    key: typeof p.key === 'function' ? 'custom' : p.key,
  }))
}
