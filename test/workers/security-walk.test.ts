import { describe, expect, it } from 'vitest'
import document from '../../schema/openapi.json'
import { bodyText } from './hostile/baseline'
import { authorizationOf } from './hostile/client'
import { apiKeyWith, credentialsFor } from './hostile/credentials'
import { apiClient } from './kit'

type Parameter = { name: string; in: string; schema?: { examples?: unknown[]; type?: string }; example?: unknown }
type Operation = { security?: Record<string, string[]>[]; requestBody?: unknown; parameters?: Parameter[] }
const ALL_SCOPES = ['stats', 'export']
const api = apiClient()
const operations = Object.entries(document.paths as unknown as Record<string, Record<string, Operation>>).flatMap(
  ([path, item]) => Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
)
// Path parameters are validated before guards run, so each gets a valid value: the documented example, else 1.
const concrete = (path: string, op: Operation) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const param = op.parameters?.find((p) => p.in === 'path' && p.name === name)
    return encodeURIComponent(String(param?.example ?? param?.schema?.examples?.[0] ?? 1))
  })
const schemes = (document.components as { securitySchemes?: Record<string, unknown> }).securitySchemes ?? {}

describe('the security the document declares is the security the API enforces', () => {
  it('declares the bearer, API-key, session-cookie and Basic schemes, and a security list on every operation', () => {
    expect(schemes).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      apiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: '__Host-sid' },
      basicAuth: { type: 'http', scheme: 'basic' },
    })
    for (const { method, path, op } of operations) expect(op.security, `${method} ${path}`).toBeInstanceOf(Array)
    expect(operations.some(({ op }) => op.security!.length > 0)).toBe(true)
    expect(operations.some(({ op }) => op.security!.length === 0)).toBe(true)
  })

  it('declares only schemes some operation demands (they come from the guards, not a hand-kept list)', () => {
    const used = new Set(operations.flatMap(({ op }) => (op.security ?? []).flatMap((r) => Object.keys(r))))
    expect(Object.keys(schemes).sort()).toEqual([...used].sort())
  })

  it('only names schemes that exist', () => {
    for (const { op } of operations)
      for (const requirement of op.security ?? [])
        for (const name of Object.keys(requirement)) expect(schemes).toHaveProperty(name)
  })

  for (const { method, path, op } of operations) {
    const secured = (op.security ?? []).length > 0
    it(`${method} ${path} ${secured ? 'answers 401 to' : 'does not demand credentials of'} an anonymous request`, async () => {
      const res = await api.fetch(concrete(path, op), { method, ...(op.requestBody ? { json: {} } : {}) })
      if (secured) {
        expect(res.status).toBe(401)
        // Every scheme the operation accepts is challenged; the first names the first alternative.
        const first = Object.keys(op.security![0]!)[0]
        const challenge = { bearerAuth: 'Bearer', apiKeyAuth: 'ApiKey', basicAuth: 'Basic', cookieAuth: 'Cookie' }
        expect(res.headers.get('www-authenticate')).toMatch(
          new RegExp(`^${challenge[first as keyof typeof challenge]} realm="[a-z]+"`),
        )
      } else expect(res.status).not.toBe(401)
      await bodyText(res)
    })
  }

  for (const { method, path, op } of operations) {
    const requirement = op.security?.[0]
    if (!requirement) continue
    const body = op.requestBody ? { json: {} } : {}
    it(`${method} ${path} lets through the credentials its security names, and only with its roles and scopes`, async () => {
      const full = await credentialsFor({ method, path, security: op.security! })
      const allowed = await api.fetch(concrete(path, op), { method, headers: full, ...body })
      expect([401, 403], `${allowed.status} ${await bodyText(allowed)}`).not.toContain(allowed.status)
      if (requirement.bearerAuth?.length) {
        const res = await api.fetch(concrete(path, op), {
          method,
          headers: { ...full, authorization: await authorizationOf({ role: 'user' }) },
          ...body,
        })
        expect(res.status, 'a token without the role').toBe(403)
        await res.arrayBuffer()
      }
      if (requirement.apiKeyAuth?.length) {
        const others = ALL_SCOPES.filter((s) => !requirement.apiKeyAuth!.includes(s))
        const res = await api.fetch(concrete(path, op), {
          method,
          headers: { ...full, 'x-api-key': await apiKeyWith(others) },
          ...body,
        })
        expect(res.status, 'a key without the scope').toBe(403)
        await res.arrayBuffer()
      }
    })
  }
})
