import { apiKeyAuth } from '../../core/auth'
import { CurrentApiKey } from '../auth/principal'
import { ApiKeyRepo } from './repo'

/**
 * API keys for machines in `X-API-Key`: looked up by id in D1 (revocation holds at once), the secret's hash
 * compared in constant time by the core.
 */
export const apiKeys = apiKeyAuth({
  key: CurrentApiKey,
  description: 'Created by an admin',
  lookup: async (id, { env }) => {
    const found = await new ApiKeyRepo(env.DB).findActive(id)
    return (
      found && { secretHash: found.secretHash, principal: { id: found.id, name: found.name, scopes: found.scopes } }
    )
  },
  scopesOf: (key) => key.scopes,
})
