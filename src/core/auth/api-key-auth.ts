import { sha256Hex } from '../kernel/bounded-key'
import type { RequestContext } from '../kernel/context'
import type { DependencyKey } from '../kernel/di'
import { parseApiKey } from './api-key-secret'
import { type AuthScheme, authError, challengeHeader } from './auth-scheme'
import { credentialScheme } from './credential-scheme'
import { InvalidCredentials } from './invalid-credentials'
import { secretsEqual } from './timing-safe-equal'

/** A stored key as `lookup` finds it: the hex SHA-256 of its secret, and who it stands for. */
export interface StoredApiKey<P> {
  readonly secretHash: string
  readonly principal: P
}

/** Options of `apiKeyAuth`. */
export interface ApiKeyAuthOptions<P, Env = Cloudflare.Env> {
  /** The dependency the principal is provided as. Default `auth:<name>`. */
  readonly key?: DependencyKey<P | null>
  /** The security scheme's name in the document. Default `apiKeyAuth`. */
  readonly name?: string
  /** The request header carrying the key. Default `X-API-Key`. */
  readonly header?: string
  /** The keys' prefix, as `generateApiKey(prefix)` made them. Default `eak`. */
  readonly prefix?: string
  readonly realm?: string
  /** Finds an active key by its public id; undefined when unknown or revoked. */
  readonly lookup: (id: string, ctx: RequestContext<Env>) => Promise<StoredApiKey<P> | undefined>
  /** The key's scopes, for `required({ scopes })`. */
  readonly scopesOf?: (principal: P) => readonly string[]
  /** The security scheme's description; the doc comment above `const k = apiKeyAuth({ ... })` gives it too. */
  readonly description?: string
}

const DECOY_HASH = '0'.repeat(64)

/**
 * API keys in a header: the id finds the stored hash, the secret's SHA-256 is compared in constant time (an
 * unknown id is hashed and compared too, so it takes as long as a wrong secret). No header: a null principal;
 * a bad, unknown or revoked key: 401 with an `ApiKey` challenge.
 * @example
 * const machines = apiKeyAuth({ lookup: (id, { env }) => new KeyRepo(env.DB).find(id), scopesOf: (k) => k.scopes })
 * router({ dependencies: [...machines.dependencies], guards: [machines.required({ scopes: ['stats'] })], handlers })
 */
export function apiKeyAuth<P, Env = Cloudflare.Env>(options: ApiKeyAuthOptions<P, Env>): AuthScheme<P> {
  const name = options.name ?? 'apiKeyAuth'
  const header = options.header ?? 'X-API-Key'
  const prefix = options.prefix ?? 'eak'
  const realm = options.realm ?? 'api'
  return credentialScheme<P>(
    options,
    name,
    { type: 'apiKey', in: 'header', name: header },
    async (ctx, scheme) => {
      const presented = ctx.request.headers.get(header)
      if (presented === null) return null
      const parsed = parseApiKey(prefix, presented.trim())
      let found: StoredApiKey<P> | undefined
      try {
        found = parsed ? await options.lookup(parsed.id, ctx as unknown as RequestContext<Env>) : undefined
      } catch (e) {
        if (!(e instanceof InvalidCredentials)) throw e
      }
      // Hex either case, compared by secretsEqual: in time that says nothing of where or whether they differ.
      const actual = await sha256Hex(parsed?.secret ?? '')
      const matches = await secretsEqual(actual, (found?.secretHash ?? DECOY_HASH).toLowerCase())
      if (!found || !matches) throw authError(scheme, 'The API key is invalid or revoked', 'invalid_token')
      return found.principal
    },
    { wwwAuthenticate: (error, detail) => challengeHeader('ApiKey', { realm, header }, error, detail) },
  )
}
