import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { problem, sessionSetCookie } from '../helpers'
import { apiClient } from '../kit'
import { bearer, seedUser } from '../seed-user'

// Findings (low): password change limited by address alone; sign-up an unlimited account oracle; a stolen access
// token could change the account's email or delete the account without the password.
const api = apiClient()
// The reference API with its production limits (the test config raises them: every test comes from one address).
const strict = apiClient({
  env: Object.assign({}, env, {
    RATE_LIMIT_REAUTH: undefined,
    RATE_LIMIT_REAUTH_ACCOUNT: undefined,
    RATE_LIMIT_SIGNUP: undefined,
  }),
})
const wrongChange = (token: string, ip: string) =>
  strict.fetch('/auth/password', {
    method: 'POST',
    headers: { ...bearer(token), 'cf-connecting-ip': ip },
    json: { currentPassword: 'not the password', newPassword: 'a brand new password' },
  })

describe('password changes are limited per account and address, with a cap per account', () => {
  it('one user’s wrong guesses lock only that user out, not others behind the same address', async () => {
    const [guesser, neighbour] = await Promise.all([seedUser(), seedUser()])
    for (let i = 0; i < 5; i++) expect((await wrongChange(guesser.token, '192.0.2.50')).status).toBe(403)
    const locked = await wrongChange(guesser.token, '192.0.2.50')
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await problem(locked)).toMatchObject({ status: 429, policies: ['reauth'] })
    expect((await wrongChange(neighbour.token, '192.0.2.50')).status).toBe(403)
  })

  it('guesses at one account from many addresses meet the per-account cap (10 an hour)', async () => {
    const victim = await seedUser()
    for (let i = 0; i < 10; i++) expect((await wrongChange(victim.token, `198.51.100.${i + 1}`)).status).toBe(403)
    const capped = await wrongChange(victim.token, '198.51.100.200')
    expect(capped.status).toBe(429)
    expect(await problem(capped)).toMatchObject({ policies: ['reauth-account'] })
  })
})

describe('sign-up is limited per address', () => {
  it('takes 10 sign-ups an hour from one address, then answers 429; another address is not affected', async () => {
    const signUp = (ip: string) =>
      strict.fetch('/users', {
        method: 'POST',
        headers: { 'cf-connecting-ip': ip },
        json: {
          name: 'Probe',
          email: `probe-${crypto.randomUUID()}@example.com`,
          age: 30,
          password: 'a-long-password',
        },
      })
    for (let i = 0; i < 10; i++) expect((await signUp('192.0.2.60')).status).toBe(201)
    const refused = await signUp('192.0.2.60')
    expect(refused.status).toBe(429)
    expect(await problem(refused)).toMatchObject({ policies: ['signup'] })
    expect((await signUp('192.0.2.61')).status).toBe(201)
  })
})

describe('an email change and an account deletion need the current password', () => {
  const emailOf = async (id: number) =>
    (await env.DB.prepare('SELECT email FROM users WHERE id = ?').bind(id).first<{ email: string }>())?.email

  it('a token alone cannot change the email: PATCH refuses the field, POST /auth/email wants the password', async () => {
    const user = await seedUser()
    const patch = await api.fetch(`/users/${user.id}`, {
      method: 'PATCH',
      headers: bearer(user.token),
      json: { email: 'thief@example.com' },
    })
    expect(patch.status).toBe(400)
    const bare = await api.fetch('/auth/email', {
      method: 'POST',
      headers: bearer(user.token),
      json: { newEmail: 'thief@example.com' },
    })
    expect(bare.status).toBe(400)
    expect(await problem(bare)).toMatchObject({ errors: [{ in: 'body', name: 'currentPassword' }] })
    const wrong = await api.fetch('/auth/email', {
      method: 'POST',
      headers: bearer(user.token),
      json: { currentPassword: 'a guess', newEmail: 'thief@example.com' },
    })
    expect(wrong.status).toBe(403)
    expect(await emailOf(user.id)).toBe(user.email)
  })

  it('with the password, the email changes and every session and token ends, as after a password change', async () => {
    const user = await seedUser()
    const session = await api.fetch('/auth/session', {
      method: 'POST',
      json: { email: user.email, password: user.password },
    })
    const cookie = sessionSetCookie(session)!.split(';')[0]!
    const newEmail = `moved-${crypto.randomUUID().slice(0, 8)}@example.com`
    const changed = await api.fetch('/auth/email', {
      method: 'POST',
      headers: bearer(user.token),
      json: { currentPassword: user.password, newEmail },
    })
    expect(changed.status).toBe(200)
    const pair = (await changed.json()) as { accessToken: string }
    expect(await emailOf(user.id)).toBe(newEmail)
    expect((await api.fetch('/auth/me', { headers: bearer(user.token) })).status).toBe(401)
    expect((await api.fetch('/auth/me', { headers: { cookie } })).status).toBe(401)
    const refresh = await api.fetch('/auth/refresh', { method: 'POST', json: { refreshToken: user.refreshToken } })
    expect(refresh.status).toBe(401)
    expect((await api.fetch('/auth/me', { headers: bearer(pair.accessToken) })).status).toBe(200)
    const login = (email: string) =>
      api.fetch('/auth/login', { method: 'POST', json: { email, password: user.password } })
    expect((await login(user.email)).status).toBe(401)
    expect((await login(newEmail)).status).toBe(200)
  })

  it('a token alone cannot delete the account: the body must carry the current password', async () => {
    const user = await seedUser()
    const remove = (json?: unknown) =>
      api.fetch(`/users/${user.id}`, { method: 'DELETE', headers: bearer(user.token), ...(json ? { json } : {}) })
    expect((await remove()).status).toBe(400)
    expect((await remove({ currentPassword: 'a guess' })).status).toBe(403)
    expect(await emailOf(user.id)).toBe(user.email)
    expect((await remove({ currentPassword: user.password })).status).toBe(204)
    expect(await emailOf(user.id)).toBeUndefined()
  })
})
