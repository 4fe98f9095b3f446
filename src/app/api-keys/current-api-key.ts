import { provide } from '../../core'
import { challenge } from '../auth/challenge'
import { CurrentApiKey } from '../auth/principal'
import { parseApiKey, secretMatches } from './key-secret'
import { ApiKeyRepo } from './repo'

const DECOY_HASH = '0'.repeat(64)

/**
 * Provides `CurrentApiKey` from `X-API-Key`: null without the header, the key's principal when it is valid
 * and unrevoked, and a 401 challenge otherwise (an unknown id and a wrong secret are indistinguishable).
 */
export const currentApiKey = provide(CurrentApiKey, async ({ request, env }) => {
  const presented = request.headers.get('x-api-key')
  if (presented === null) return null
  const parsed = parseApiKey(presented.trim())
  const found = parsed ? await new ApiKeyRepo(env.DB).findActive(parsed.id) : undefined
  // Hash and compare even for an unknown id, so a miss takes as long as a wrong secret.
  const matches = await secretMatches(parsed?.secret ?? '', found?.secretHash ?? DECOY_HASH)
  if (!found || !matches) throw challenge('ApiKey', 'The API key is invalid or revoked', 'invalid_token')
  return { id: found.id, name: found.name, scopes: found.scopes }
})
