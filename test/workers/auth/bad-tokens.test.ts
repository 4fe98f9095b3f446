import { env } from 'cloudflare:workers'
import { SignJWT, UnsecuredJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { problem } from '../helpers'
import { apiClient } from '../kit'
import { bearer, type SeededUser, seedUser } from '../seed-user'

const api = apiClient()

const secret = new TextEncoder().encode(env.JWT_SECRET)
const now = () => Math.floor(Date.now() / 1000)

/** A token like ours, with overrides: the header, the claims, the key. */
function forge(
  user: SeededUser,
  {
    alg = 'HS256',
    key = secret,
    claims = {},
  }: { alg?: string; key?: Uint8Array; claims?: Record<string, unknown> } = {},
) {
  return new SignJWT({
    sub: String(user.id),
    role: user.role,
    iss: 'edge-api',
    aud: 'edge-api',
    iat: now(),
    exp: now() + 600,
    jti: crypto.randomUUID(),
    ver: 1,
    ...claims,
  })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(key)
}

async function refused(token: string, error = 'invalid_token') {
  const res = await api.fetch('/auth/me', { headers: bearer(token) })
  expect(res.status).toBe(401)
  expect(res.headers.get('www-authenticate')).toContain(`error="${error}"`)
  return problem(res)
}

describe('bearer tokens the API refuses', () => {
  let user: SeededUser
  beforeAll(async () => {
    user = await seedUser()
  })

  it('accepts a well-formed token signed with the secret (the control case)', async () => {
    expect((await api.fetch('/auth/me', { headers: bearer(await forge(user)) })).status).toBe(200)
  })

  it('refuses alg "none"', async () => {
    const token = new UnsecuredJWT({ sub: String(user.id), role: 'admin', jti: crypto.randomUUID() })
      .setIssuer('edge-api')
      .setAudience('edge-api')
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode()
    await refused(token)
  })

  it('refuses another algorithm, even keyed with the same secret', async () => {
    await refused(await forge(user, { alg: 'HS512' }))
    await refused(await forge(user, { alg: 'HS384' }))
  })

  it('refuses a token signed with another secret', async () => {
    await refused(await forge(user, { key: new TextEncoder().encode('another-secret-that-is-long-enough-0123456789') }))
  })

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await forge(user)).split('.')
    const payload = btoa(JSON.stringify({ sub: String(user.id), role: 'admin', iat: now(), exp: now() + 600 }))
      .replaceAll('=', '')
      .replaceAll('+', '-')
      .replaceAll('/', '_')
    await refused(`${header}.${payload}.${signature}`)
  })

  it('refuses an expired token, saying so', async () => {
    const body = await refused(await forge(user, { claims: { iat: now() - 1000, exp: now() - 60 } }))
    expect(body.detail).toBe('The token has expired')
  })

  it('refuses a token that is not valid yet, by nbf or by an iat in the future', async () => {
    await refused(await forge(user, { claims: { nbf: now() + 600 } }))
    await refused(await forge(user, { claims: { iat: now() + 600, exp: now() + 1200 } }))
  })

  it('refuses a token for another issuer or audience, or without a jti', async () => {
    await refused(await forge(user, { claims: { iss: 'someone-else' } }))
    await refused(await forge(user, { claims: { aud: 'another-api' } }))
    await refused(await forge(user, { claims: { jti: undefined } }))
  })

  it('refuses a token whose claims have the wrong shape', async () => {
    await refused(await forge(user, { claims: { sub: 'alice' } }))
    await refused(await forge(user, { claims: { ver: 'one' } }))
    await refused(await forge(user, { claims: { fam: 'not-a-family' } }))
  })

  it('takes the role from the database, never from the token', async () => {
    const token = await forge(user, { claims: { role: 'admin' } })
    const res = await api.fetch('/admin/users', { headers: bearer(token) })
    expect(res.status).toBe(403)
  })

  it('refuses a token of an older credential version', async () => {
    await refused(await forge(user, { claims: { ver: 0 } }))
    await refused(await forge(user, { claims: { ver: 2 } }))
  })

  it('refuses garbage and a non-bearer Authorization header', async () => {
    await refused('not.a.jwt')
    const res = await api.fetch('/auth/me', { headers: { authorization: `Basic ${btoa('a:b')}` } })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_request"')
  })
})
