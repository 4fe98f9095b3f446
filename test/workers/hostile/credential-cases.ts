import { env } from 'cloudflare:workers'
import { SignJWT } from 'jose'
import type { Case } from './case'
import { authorizationOf } from './client'
import { apiKeyWith } from './credentials'
import type { Operation } from './operations'

const ALL_SCOPES = ['stats', 'export']
const now = () => Math.floor(Date.now() / 1000)

const token = (claims: Record<string, unknown>, key: string) =>
  new SignJWT({ sub: '1', role: 'admin', iss: 'edge-api', aud: 'edge-api', jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(key))

/**
 * Credentials that must be refused (401, or 403 for a missing role or scope), on an otherwise valid request
 * of a secured operation. Keys are created here, so call it before taking the snapshot.
 */
export async function credentialCases(op: Operation, url: string, init: () => RequestInit): Promise<Case[]> {
  const requirement = op.security[0]
  if (!requirement) return []
  const cases: Case[] = []
  const replacing = (label: string, name: string, value: string) => {
    const base = init()
    const headers = new Headers(base.headers)
    headers.set(name, value)
    cases.push({ label: `credentials: ${label}`, url, init: { ...base, headers } })
  }
  if (requirement.bearerAuth) {
    const other = 'another-secret-that-is-long-enough-for-hs256-0123456789'
    replacing('garbage bearer token', 'authorization', 'Bearer not.a.jwt')
    replacing('bearer token of 8 KB', 'authorization', `Bearer ${'a'.repeat(8192)}`)
    replacing('bearer token with control bytes', 'authorization', 'Bearer a\u0001b.c\u007fd.e')
    replacing('Basic instead of Bearer', 'authorization', `Basic ${btoa('admin:admin')}`)
    replacing('empty bearer', 'authorization', 'Bearer')
    replacing('token signed with another secret', 'authorization', `Bearer ${await token({ exp: now() + 600 }, other)}`)
    replacing(
      'expired token',
      'authorization',
      `Bearer ${await token({ iat: now() - 1000, exp: now() - 60 }, env.JWT_SECRET)}`,
    )
    if (requirement.bearerAuth.length) {
      replacing('a user token where a role is required', 'authorization', await authorizationOf({ role: 'user' }))
    }
  }
  if (requirement.apiKeyAuth) {
    replacing('garbage API key', 'x-api-key', 'not-a-key')
    replacing('API key of 8 KB', 'x-api-key', `eak_${'0'.repeat(16)}_${'a'.repeat(8192)}`)
    replacing('API key with an unknown id', 'x-api-key', `eak_${'0'.repeat(16)}_${'a'.repeat(43)}`)
    const others = ALL_SCOPES.filter((s) => !requirement.apiKeyAuth!.includes(s))
    if (requirement.apiKeyAuth.length && others.length)
      replacing('API key without the scope', 'x-api-key', await apiKeyWith(others))
  }
  return cases
}
