import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { api } from '../../../src/app/api'
import { createApp } from '../../../src/core'
import { testClient } from '../../../src/core/testing'
import { atProductionLimits, problem } from '../helpers'

// The route tree with the limiter as production configures it (no RATE_LIMIT_* overrides).
const app = createApp(atProductionLimits(api))
const from = (ip: string, headers: Record<string, string> = {}) => ({ headers: { 'cf-connecting-ip': ip, ...headers } })

describe('rate limits keyed on the client run before guards', () => {
  it('counts wrong API keys: the 101st from one address is a 429, not a 401', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 101; i++) {
      const res = await testClient(app, { env }).fetch(
        '/integrations/export',
        from('198.51.100.7', { 'x-api-key': `eak_${i}_wrong` }),
      )
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true)
    expect(statuses[100]).toBe(429)
  })

  it('counts forged bearer tokens the same way', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 101; i++) {
      const res = await testClient(app, { env }).fetch(
        '/auth/me',
        from('198.51.100.8', { authorization: `Bearer forged.${i}.token` }),
      )
      statuses.push(res.status)
    }
    expect(new Set(statuses.slice(0, 100))).toEqual(new Set([401]))
    expect(statuses[100]).toBe(429)
  })

  it('holds the login limit whatever the media type spelling and however the email key repeats', async () => {
    const victim = 'victim@example.com'
    const bodies: [string, string][] = [
      ['application/json', JSON.stringify({ email: victim, password: 'guess-1' })],
      ['Application/JSON', JSON.stringify({ email: victim, password: 'guess-2' })],
      ['APPLICATION/JSON; charset="UTF-8"', JSON.stringify({ email: victim, password: 'guess-3' })],
      [
        'application/json;charset=utf-8',
        `{"email":"decoy-${crypto.randomUUID()}@x.test","email":"${victim}","password":"g4"}`,
      ],
      ['application/json', JSON.stringify({ email: ` ${victim.toUpperCase()} `, password: 'guess-5' })],
    ]
    const statuses: number[] = []
    for (const [type, body] of [...bodies, bodies[1]!]) {
      const res = await testClient(app, { env }).fetch('/auth/login', {
        method: 'POST',
        ...from('198.51.100.9', { 'content-type': type }),
        body,
      })
      statuses.push(res.status)
    }
    // The handler saw the same (last) email every time, so the limiter counted one account: five tries, then 429.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    expect(
      await problem(
        await testClient(app, { env }).fetch('/auth/login', {
          method: 'POST',
          ...from('198.51.100.9', { 'content-type': 'application/json' }),
          body: bodies[0]![1],
        }),
      ),
    ).toMatchObject({ status: 429, policies: ['login'] })
  })

  it('refuses a charset other than UTF-8 and a malformed media type with 415, before any login is tried', async () => {
    for (const type of [
      'application/json; charset=latin1',
      'application/json; charset=utf-8; charset=latin1',
      'application/',
      'json',
    ]) {
      const res = await testClient(app, { env }).fetch('/auth/login', {
        method: 'POST',
        ...from('198.51.100.10', { 'content-type': type }),
        body: JSON.stringify({ email: 'a@example.com', password: 'x' }),
      })
      expect(res.status, type).toBe(415)
    }
  })
})
