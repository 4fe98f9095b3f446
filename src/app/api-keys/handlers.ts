import * as v from 'valibot'
import { del, get, notFound, post } from '../../core'
import { CurrentUser } from '../auth/principal'
import { ApiKeyCreate, ApiKeyCreated, ApiKeyRead } from './dtos'
import { ApiKeys } from './repo'

/** Creates an API key and shows its secret this once. */
export const createApiKey = post(
  '/',
  {
    summary: 'Create an API key (the key is shown only in this response)',
    body: ApiKeyCreate,
    inject: { keys: ApiKeys, user: CurrentUser },
    response: ApiKeyCreated,
    errors: [422],
    // The only copy of the key's secret: no cache may keep it.
    responseHeaders: { 'cache-control': 'no-store' },
  },
  ({ body, deps: { keys, user } }) => keys.create({ name: body.name, scopes: body.scopes, createdBy: user!.id }),
)

/** Lists API keys without their secrets or hashes. */
export const listApiKeys = get(
  '/',
  { summary: 'List API keys (never their secrets)', inject: { keys: ApiKeys }, response: v.array(ApiKeyRead) },
  ({ deps: { keys } }) => keys.list(),
)

/** Revokes an API key; it stops working at once. */
export const revokeApiKey = del(
  '/:id',
  {
    summary: 'Revoke an API key',
    params: v.object({
      id: v.pipe(
        v.string(),
        v.regex(/^[0-9a-f]{16}$/, 'must be a 16-digit hex key id'),
        v.examples(['3f9a1c2b4d5e6f70']),
      ),
    }),
    inject: { keys: ApiKeys },
    errors: [404],
  },
  async ({ params, deps: { keys } }) => {
    if (!(await keys.revoke(params.id))) notFound(`No active API key ${params.id}`)
  },
)
