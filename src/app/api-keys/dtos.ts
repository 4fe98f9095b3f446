import * as v from 'valibot'
import { inputDto, pageOf } from '../../core/data'

/** What an API key may be used for; each scope is demanded by an `apiKey(scope)` guard. */
export const ApiKeyScope = v.picklist(['stats', 'export'])

const keyExample = {
  id: '3f9a1c2b4d5e6f70',
  name: 'nightly stats',
  scopes: ['stats'],
  createdAt: '2026-01-01T12:00:00.000Z',
  revokedAt: null,
}

/** An API key as listed: never its secret. */
export const ApiKeyRead = v.pipe(
  v.object({
    /** Public id; also the start of the key */
    id: v.string(),
    name: v.string(),
    scopes: v.array(ApiKeyScope),
    createdAt: v.string(),
    revokedAt: v.nullable(v.string()),
  }),
  v.title('ApiKey'),
  v.metadata({ examples: [keyExample] }),
)

/** What an admin sends to create a key; unknown fields are refused. */
export const ApiKeyCreate = inputDto(
  'ApiKeyCreate',
  {
    name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
    scopes: v.pipe(v.array(ApiKeyScope), v.minLength(1), v.maxLength(10)),
  },
  { examples: [{ name: 'nightly stats', scopes: ['stats'] }] },
)

/** A new key: the listing fields and the key itself, shown this once. */
export const ApiKeyCreated = v.pipe(
  v.object({
    ...ApiKeyRead.entries,
    /** Send as X-API-Key; it cannot be shown again */
    key: v.string(),
  }),
  v.title('ApiKeyCreated'),
  v.metadata({
    examples: [{ ...keyExample, key: '3f9a1c2b4d5e6f70.secret-shown-once' }],
  }),
)

/** An API key's listing fields. */
export type ApiKey = v.InferOutput<typeof ApiKeyRead>

/** One page of API keys, listed without their secrets. */
export const ApiKeyPage = pageOf('ApiKeyPage', ApiKeyRead)
