import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { api } from '../../../src/app/api'
import { loginPolicy } from '../../../src/app/rate-limit/policies'
import { createApp, post, validation } from '../../../src/core'
import { rateLimit } from '../../../src/core/rate-limit'
import { testClient } from '../../../src/core/testing'
import { atProductionLimits, problem } from '../helpers'

// A stand-in login route: the policy is what is under test, with production limits (no RATE_LIMIT_LOGIN).
const Login = v.object({ email: v.string(), password: v.string() })
const attempt = post('/login', { body: Login, status: 200, rateLimit: [loginPolicy] }, () => 'ok')
const formAttempt = post(
  '/login-form',
  { body: Login, bodyType: 'form', status: 200, rateLimit: [loginPolicy] },
  () => 'ok',
)
const app = createApp({
  handlers: [attempt, formAttempt],
  plugins: [validation(), rateLimit({ binding: (env) => env.RATE_LIMITER })],
})
const login = (ip: string, email: string) =>
  testClient(app, { env }).fetch('/login', {
    method: 'POST',
    headers: { 'cf-connecting-ip': ip },
    json: { email, password: 'guess' },
  })

describe('the strict login policy', () => {
  it('allows 5 attempts per 15 minutes for one address and email, then answers 429', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await login('192.0.2.20', 'ann@example.com')).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
    const refused = await login('192.0.2.20', 'ann@example.com')
    expect(refused.headers.get('ratelimit-policy')).toBe('"login";q=5;w=900')
    expect(await problem(refused)).toMatchObject({ status: 429, policies: ['login'] })
  })

  it('counts the email case-insensitively, and other emails or addresses separately', async () => {
    for (let i = 0; i < 5; i++) await login('192.0.2.21', 'ben@example.com')
    expect((await login('192.0.2.21', ' BEN@example.com')).status).toBe(429)
    expect((await login('192.0.2.21', 'cat@example.com')).status).toBe(200)
    expect((await login('192.0.2.22', 'ben@example.com')).status).toBe(200)
  })

  it('counts a form-encoded body by its email too', async () => {
    const form = () =>
      testClient(app, { env }).fetch('/login-form', {
        method: 'POST',
        headers: { 'cf-connecting-ip': '192.0.2.23', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=dan%40example.com&password=x',
      })
    for (let i = 0; i < 5; i++) await form()
    expect((await form()).status).toBe(429)
    expect((await login('192.0.2.23', 'eve@example.com')).status).toBe(200)
  })

  it('fails closed: without its limiter, login answers 503 rather than allowing unlimited guesses', async () => {
    const unbound = createApp({
      handlers: [attempt],
      plugins: [
        validation(),
        rateLimit({
          binding: (env) => (env as unknown as Record<string, DurableObjectNamespace<never>>).NO_SUCH_BINDING!,
          log: () => {},
        }),
      ],
    })
    const res = await testClient(unbound, { env }).fetch('/login', {
      method: 'POST',
      headers: { 'cf-connecting-ip': '192.0.2.24' },
      json: { email: 'a@example.com', password: 'x' },
    })
    expect(res.status).toBe(503)
  })
})

describe('POST /auth/login', () => {
  it('carries the login policy: the sixth attempt for one address and email within 15 minutes is refused', async () => {
    // The real route tree with production limits (the test config raises RATE_LIMIT_LOGIN for other suites).
    const real = createApp(atProductionLimits(api))
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const res = await testClient(real, { env }).fetch('/auth/login', {
        method: 'POST',
        headers: { 'cf-connecting-ip': '192.0.2.30' },
        json: { email: 'nobody@example.com', password: 'wrong-password' },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
  })
})
