import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { craftJwt } from '../craft-jwt'
import { apiClient } from '../kit'
import { bearer, type SeededUser, seedUser } from '../seed-user'

// Tokens signed with the real secret that a JWT library (jose, before) accepted: one JSON text read two ways
// (a name twice: JSON.parse keeps the last), a `b64` header outside `crit`, a byte order mark, a token of any
// length, and a refresh token issued in the future. Each must be refused, the well-formed control accepted.
const api = apiClient()
const HEADER = { alg: 'HS256', typ: 'JWT' }
const now = () => Math.floor(Date.now() / 1000)
const claimsOf = (token: string) =>
  JSON.parse(atob(token.split('.')[1]!.replaceAll('-', '+').replaceAll('_', '/'))) as Record<string, unknown>
const sign = (header: string | object, payload: string | object) => craftJwt(header, payload, env.JWT_SECRET)

describe('access tokens with a second reading are refused', () => {
  let user: SeededUser
  let other: SeededUser
  let claims: Record<string, unknown>
  const me = (token: string) => api.fetch('/auth/me', { headers: bearer(token) })
  beforeAll(async () => {
    ;[user, other] = [await seedUser(), await seedUser()]
    claims = claimsOf(user.token)
  })

  it('accepts the same claims re-signed as they are (the control)', async () => {
    const res = await me(await sign(HEADER, claims))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: user.id })
  })

  const cases: [string, () => Promise<string>][] = [
    ['alg twice, "none" first', () => sign('{"alg":"none","alg":"HS256","typ":"JWT"}', claims)],
    ['sub twice, another user first', () => sign(HEADER, `{"sub":"${other.id}",${JSON.stringify(claims).slice(1)}`)],
    [
      'sub twice, once spelled with an escape',
      () => sign(HEADER, `${JSON.stringify(claims).slice(0, -1)},"\\u0073ub":"${other.id}"}`),
    ],
    ['a b64 header outside crit', () => sign({ ...HEADER, b64: false }, claims)],
    ['a crit header', () => sign({ ...HEADER, crit: ['exp'] }, claims)],
    ['alg hs256 in lower case', () => sign({ alg: 'hs256', typ: 'JWT' }, claims)],
    ['a payload behind a byte order mark', () => sign(HEADER, `\ufeff${JSON.stringify(claims)}`)],
    ['exp as a string', () => sign(HEADER, { ...claims, exp: String(now() + 600) })],
    ['an aud array without ours', () => sign(HEADER, { ...claims, aud: ['edge-api/refresh', 'other'] })],
    ['a well-signed token over 8 KiB', () => sign(HEADER, { ...claims, pad: 'x'.repeat(6200) })],
  ]
  for (const [label, token] of cases)
    it(`refuses ${label}`, async () => {
      const res = await me(await token())
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"')
    })
})

describe('refresh tokens with a second reading are refused, and the family lives on', () => {
  it('refuses a refresh token issued in the future, or with its generation twice, then takes the real one', async () => {
    const user = await seedUser()
    const claims = claimsOf(user.refreshToken)
    const refresh = (refreshToken: string) => api.fetch('/auth/refresh', { method: 'POST', json: { refreshToken } })
    for (const forged of [
      await sign(HEADER, { ...claims, iat: now() + 3600 }),
      await sign(HEADER, `${JSON.stringify(claims).slice(0, -1)},"gen":${Number(claims.gen) + 5}}`),
    ])
      expect((await refresh(forged)).status).toBe(401)
    expect((await refresh(user.refreshToken)).status).toBe(200)
  })
})
