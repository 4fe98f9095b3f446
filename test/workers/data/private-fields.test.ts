import { describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'
import { apiClient } from '../kit'

type Json = Record<string, unknown>
const doc = document as unknown as Json
const schemas = (doc.components as { schemas: Record<string, Json> }).schemas

/** Every property name reachable from a schema, following $refs into components. */
function propertyNames(schema: unknown, seen = new Set<unknown>()): Set<string> {
  const out = new Set<string>()
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return
    seen.add(node)
    const n = node as Json
    if (typeof n.$ref === 'string') walk(schemas[n.$ref.replace('#/components/schemas/', '')])
    if (n.properties) for (const key of Object.keys(n.properties as Json)) out.add(key)
    for (const value of Object.values(n)) walk(value)
  }
  walk(schema)
  return out
}

const responseSchemas = (): unknown[] => {
  const out: unknown[] = []
  for (const item of Object.values(doc.paths as Record<string, Json>))
    for (const op of Object.values(item) as Json[])
      for (const res of Object.values((op.responses ?? {}) as Record<string, Json>))
        for (const media of Object.values((res.content ?? {}) as Record<string, Json>)) out.push(media.schema)
  return out
}

describe('private fields never leave the server', () => {
  it('no response schema in the OpenAPI document names the password hash or a password', () => {
    const names = new Set<string>()
    for (const s of responseSchemas()) for (const n of propertyNames(s)) names.add(n)
    expect(names.has('email')).toBe(true) // the walk does reach user responses
    for (const secret of ['passwordHash', 'password_hash', 'password']) expect(names.has(secret)).toBe(false)
  })

  it('request schemas do carry the password, so the check above is looking in the right places', () => {
    // `…Input`: the identity fields normalise (NFC, punycode), so the request shape is named apart.
    expect(propertyNames({ $ref: '#/components/schemas/UserCreateInput' }).has('password')).toBe(true)
  })

  it('no response of the user routes carries the password or its hash', async () => {
    const admin = await apiClient().as({ role: 'admin' })
    const email = `private-${crypto.randomUUID().slice(0, 8)}@example.com`
    const created = await admin.fetch('/users', {
      method: 'POST',
      json: { name: 'Private', email, age: 30, password: 'never-echo-this' },
    })
    expect(created.status).toBe(201)
    const user = (await created.clone().json()) as { id: number; email: string }
    const bodies = await Promise.all(
      [
        Promise.resolve(created),
        admin.fetch(`/users/${user.id}`),
        admin.fetch('/users'),
        admin.fetch(`/users/${user.id}`, { method: 'PATCH', json: { name: 'Renamed' } }),
        admin.fetch(`/users/${user.id}`, {
          method: 'PUT',
          json: { name: 'Replaced', email: user.email, age: 3 },
        }),
      ].map(async (r) => (await r).text()),
    )
    for (const body of bodies) {
      expect(body).not.toMatch(/password|pbkdf2|never-echo-this/i)
    }
  })
})
