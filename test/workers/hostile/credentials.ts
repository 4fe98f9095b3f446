import { env } from 'cloudflare:workers'
import { generateApiKey } from '../../../src/app/api-keys/key-secret'
import { issueAccessToken } from '../../../src/app/auth/tokens'
import type { Operation } from './operations'

// One admin per test file (storage is per file); a fresh token per call, since an operation may log it out.
let admin: Promise<number> | undefined
const adminId = () => {
  admin ??= env.DB.prepare(
    "INSERT INTO users (name, email, age, password_hash, role) VALUES ('Hostile Admin', ?, 40, 'not-a-hash', 'admin') RETURNING id",
  )
    .bind(`hostile-admin-${crypto.randomUUID()}@example.test`)
    .first<{ id: number }>()
    .then((row) => row!.id)
  return admin
}

/** A new API key with exactly these scopes. */
export async function apiKeyWith(scopes: readonly string[]): Promise<string> {
  const { id, key, secretHash } = await generateApiKey()
  await env.DB.prepare('INSERT INTO api_keys (id, name, secret_hash, scopes) VALUES (?, ?, ?, ?)')
    .bind(id, 'hostile', secretHash, scopes.join(' '))
    .run()
  return key
}

/** Credentials that satisfy an operation's security, so hostile input reaches validation. */
export async function credentialsFor(
  op: Pick<Operation, 'method' | 'path' | 'security'>,
): Promise<Record<string, string>> {
  const requirement = op.security[0]
  if (!requirement) return {}
  const headers: Record<string, string> = {}
  for (const [scheme, roles] of Object.entries(requirement)) {
    if (scheme === 'bearerAuth') {
      // An admin satisfies every role and every owner-or-admin check.
      const { accessToken } = await issueAccessToken(env, { id: await adminId() })
      headers.authorization = `Bearer ${accessToken}`
    } else if (scheme === 'apiKeyAuth') headers['x-api-key'] = await apiKeyWith(roles)
    else throw new Error(`${op.method} ${op.path}: no credentials for scheme ${scheme}`)
  }
  return headers
}
