import { decodeJwt, decodeProtectedHeader } from 'jose'
import { describe, expect, it } from 'vitest'
import { problem } from '../helpers'
import { apiClient } from '../kit'
import { bearer, seedUser } from '../seed-user'

const api = apiClient()

const login = (email: string, password: string) =>
  api.fetch('/auth/login', { method: 'POST', json: { email, password } })

describe('POST /auth/login', () => {
  it('returns a short-lived HS256 token carrying sub, credential version, family, iat, exp and jti', async () => {
    const user = await seedUser('admin')
    const res = await login(user.email, user.password)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = (await res.json()) as {
      accessToken: string
      tokenType: string
      expiresIn: number
      refreshToken: string
    }
    expect(body.refreshToken).toEqual(expect.any(String))
    expect(body.tokenType).toBe('Bearer')
    expect(body.expiresIn).toBe(900)
    expect(decodeProtectedHeader(body.accessToken).alg).toBe('HS256')
    const claims = decodeJwt(body.accessToken)
    expect(claims.sub).toBe(String(user.id))
    // The role is not in the token: it is read from the database on every request.
    expect(claims.role).toBeUndefined()
    expect(claims.ver).toBe(1)
    expect(claims.fam).toMatch(/^[0-9a-f-]{36}$/)
    expect(claims.exp! - claims.iat!).toBe(900)
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/)
    expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(60)
  })

  it('accepts the email in any case', async () => {
    const user = await seedUser()
    expect((await login(user.email.toUpperCase(), user.password)).status).toBe(200)
  })

  it('refuses a wrong password and an unknown email alike, with a bearer challenge', async () => {
    const user = await seedUser()
    const wrong = await login(user.email, 'not the password')
    const unknown = await login('nobody@example.test', user.password)
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="api"/)
      expect(await problem(res)).toMatchObject({ status: 401, detail: 'The email or password is wrong' })
    }
  })

  it('names the invalid field of a malformed login', async () => {
    const res = await api.fetch('/auth/login', { method: 'POST', json: { email: 'not-an-email' } })
    expect(res.status).toBe(400)
    const body = await problem(res)
    const names = (body.errors as { name: string }[]).map((e) => e.name).sort()
    expect(names).toEqual(['email', 'password'])
  })

  it('never returns the password hash', async () => {
    const user = await seedUser()
    const res = await api.fetch('/auth/me', { headers: bearer(user.token) })
    const text = await res.text()
    expect(text).not.toContain('pbkdf2')
    expect(text).not.toContain('password')
  })
})

describe('GET /auth/me and POST /auth/logout', () => {
  it('returns the user the token belongs to', async () => {
    const user = await seedUser()
    const res = await api.fetch('/auth/me', { headers: bearer(user.token) })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: user.id, email: user.email, role: 'user' })
  })

  it("puts the token's user id in the request log", async () => {
    const user = await seedUser()
    await api.fetch('/auth/me', { headers: bearer(user.token) })
    expect(api.logs.at(-1)).toMatchObject({ msg: 'request', route: '/auth/me', userId: user.id })
  })

  it('asks for a token without one, with a challenge that carries no error code', async () => {
    const res = await api.fetch('/auth/me')
    expect(res.status).toBe(401)
    // One challenge per scheme the route accepts: bearer first, then the session cookie.
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api", Cookie realm="api", name="__Host-sid"')
    expect(await problem(res)).toMatchObject({ status: 401 })
  })

  it('ends the login on logout (its access token at once), leaving other logins of the user working', async () => {
    const user = await seedUser()
    const other = await login(user.email, user.password)
    const { accessToken } = (await other.json()) as { accessToken: string }
    const out = await api.fetch('/auth/logout', { method: 'POST', headers: bearer(user.token) })
    expect(out.status).toBe(204)
    const after = await api.fetch('/auth/me', { headers: bearer(user.token) })
    expect(after.status).toBe(401)
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"')
    expect(await problem(after)).toMatchObject({ detail: 'The token has been revoked' })
    expect((await api.fetch('/auth/me', { headers: bearer(accessToken) })).status).toBe(200)
    // The login's refresh token died with it.
    const refreshed = await api.fetch('/auth/refresh', { method: 'POST', json: { refreshToken: user.refreshToken } })
    expect(refreshed.status).toBe(401)
  })

  it('refuses a refresh with the bearer challenge naming the reason, and answers a pair in the documented order', async () => {
    const user = await seedUser()
    const pair = await api.fetch('/auth/refresh', { method: 'POST', json: { refreshToken: user.refreshToken } })
    expect(pair.status).toBe(200)
    expect(Object.keys(await pair.json())).toEqual(['accessToken', 'tokenType', 'expiresIn', 'refreshToken'])
    for (const [refreshToken, detail] of [
      ['not-a-token', 'The refresh token is invalid or expired'],
      // An access token is signed for the other audience.
      [user.token, 'The refresh token is invalid or expired'],
      [user.refreshToken, 'The refresh token was already used: every token of its login is revoked'],
      [user.refreshToken, 'The refresh token has been revoked'],
    ] as const) {
      const res = await api.fetch('/auth/refresh', { method: 'POST', json: { refreshToken } })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe(
        `Bearer realm="api", error="invalid_token", error_description="${detail}"`,
      )
      expect(await problem(res)).toMatchObject({ status: 401, detail })
    }
  })
})
