import * as v from 'valibot'
import { del, get, notFound, post } from '../../core'
import { CurrentUser } from '../auth/principal'
import { ApiKeyCreate, ApiKeyCreated, ApiKeyPage } from './dtos'
import { ApiKeys, apiKeyList } from './repo'

/**
 * Creates a key with a name and one to ten scopes, for a machine client to send as X-API-Key. The secret is in this
 * response only: the server keeps a hash, and the response is never cached. Admins only.
 * @summary Create an API key (the key is shown only in this response)
 */
export const createApiKey = post(
  '/',
  {
    body: ApiKeyCreate,
    inject: { keys: ApiKeys, user: CurrentUser },
    response: ApiKeyCreated,
    errors: [422],
    // The only copy of the key's secret: no cache may keep it.
    responseHeaders: { 'cache-control': 'no-store' },
  },
  ({ body, deps: { keys, user } }) => keys.create({ name: body.name, scopes: body.scopes, createdBy: user!.id }),
)

/**
 * Keys, revoked ones included, with their id, name, scopes and creation and revocation times (neither the secret nor
 * its hash), newest first unless `sort` says otherwise, an offset page at a time with the total; search in names.
 * Admins only.
 * @summary List API keys (never their secrets)
 */
export const listApiKeys = get(
  '/',
  {
    query: apiKeyList.query,
    inject: { keys: ApiKeys },
    response: ApiKeyPage,
  },
  ({ query, deps: { keys } }) => keys.list(query),
)

/**
 * Revokes the key with this id: the next request that presents it is refused. The record stays, marked revoked. Admins
 * only; 404 when no active key has the id.
 * @summary Revoke an API key
 */
export const revokeApiKey = del(
  '/:id',
  {
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
