import { env } from 'cloudflare:workers'
import { generateApiKey } from '../../../src/app/api-keys/key-secret'
import { authorizationOf } from './client'
import type { Operation } from './operations'

/** A new API key with exactly these scopes, created by a fresh admin (a key holds only while its creator is one). */
export async function apiKeyWith(scopes: readonly string[]): Promise<string> {
  const { id, key, secretHash } = await generateApiKey()
  const creator = await env.DB.prepare(
    "INSERT INTO users (name, email, age, password_hash, role) VALUES ('Key Creator', ?, 40, 'x', 'admin') RETURNING id",
  )
    .bind(`key-creator-${crypto.randomUUID()}@example.test`)
    .first<{ id: number }>()
  await env.DB.prepare('INSERT INTO api_keys (id, name, secret_hash, scopes, created_by) VALUES (?, ?, ?, ?, ?)')
    .bind(id, 'hostile', secretHash, scopes.join(' '), creator!.id)
    .run()
  return key
}

/**
 * Credentials that satisfy an operation's security, so hostile input reaches validation. An admin satisfies every
 * role and every owner-or-admin check; each call signs in a new one, since an operation under test may delete
 * users or end the login, and every request checks the account.
 */
export async function credentialsFor(
  op: Pick<Operation, 'method' | 'path' | 'security'>,
): Promise<Record<string, string>> {
  const requirement = op.security[0]
  if (!requirement) return {}
  const headers: Record<string, string> = {}
  for (const [scheme, roles] of Object.entries(requirement)) {
    if (scheme === 'bearerAuth') {
      headers.authorization = await authorizationOf({ role: 'admin' })
    } else if (scheme === 'apiKeyAuth') headers['x-api-key'] = await apiKeyWith(roles)
    else if (scheme === 'basicAuth') headers.authorization = `Basic ${btoa(`metrics:${env.METRICS_PASSWORD}`)}`
    else throw new Error(`${op.method} ${op.path}: no credentials for scheme ${scheme}`)
  }
  return headers
}
