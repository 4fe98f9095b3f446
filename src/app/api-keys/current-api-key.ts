import { apiKeyAuth } from '../../core/auth'
import { CurrentApiKey } from '../auth/principal'
import { Db } from '../common/db'
import { ApiKeyRepo } from './repo'

/**
 * Created by an admin
 * @remarks
 * API keys for machines in `X-API-Key`: looked up by id on the request's D1 session (a revocation holds once the
 * replica answering has it; docs/security.md), the secret's hash compared in constant time by the core.
 */
export const apiKeys = apiKeyAuth({
  key: CurrentApiKey,
  lookup: async (id, ctx) => new ApiKeyRepo(await ctx.resolve(Db)).findActive(id),
  scopesOf: (key) => key.scopes,
})
