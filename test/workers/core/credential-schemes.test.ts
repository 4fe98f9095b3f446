import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, dependency, get, post } from '../../../src/core'
import {
  apiKeyAuth,
  bearerJwt,
  cookieSession,
  d1SessionStore,
  generateApiKey,
  httpBasic,
  type StoredApiKey,
} from '../../../src/core/auth'
import { generateDocument } from '../../../src/core/openapi'
import { testClient } from '../../../src/core/testing'

// What the four one-credential schemes share (principal key, security scheme object, requirement, scopes), pinned
// scheme by scheme, and a session's CSRF token read back after its principal resolved.
const secret = 'a-test-secret-of-at-least-32-characters'
const jwt = bearerJwt({ secret: () => secret, issuer: 'i', audience: 'a', principal: (c) => ({ sub: c.sub! }) })
const described = bearerJwt({
  name: 'otherJwt',
  key: dependency<{ sub: string; roles: string[] } | null>('mine'),
  secret: () => secret,
  issuer: 'i',
  audience: 'a',
  description: 'Tokens of the other kind',
  principal: (c) => ({ sub: c.sub!, roles: ['reader'] }),
  scopesOf: (p) => p.roles,
})
const keys = apiKeyAuth({ lookup: async () => undefined, description: 'For machines', header: 'X-Key' })
const stored = new Map<string, StoredApiKey<{ id: string }>>()
const machines = apiKeyAuth({ name: 'machineKey', lookup: async (id) => stored.get(id) })
const basic = httpBasic({ realm: 'r', credentials: () => undefined })
const sessions = cookieSession({
  store: d1SessionStore((e: Cloudflare.Env) => e.DB),
  csrf: false,
  principal: (s) => ({ subject: s.subject }),
})
const plainSessions = cookieSession({
  name: 'plainCookie',
  cookie: 'plain',
  description: '',
  store: d1SessionStore((e: Cloudflare.Env) => e.DB),
  principal: (s) => ({ subject: s.subject }),
})

const app = createApp({
  plugins: [jwt, described, keys, machines, basic, sessions, plainSessions],
  handlers: [
    post('/start', { status: 200 }, (ctx) => sessions.start(ctx, 'subject-1')),
    get('/token', { guards: [sessions.required()] }, async (ctx) => ({ csrfToken: await sessions.csrfToken(ctx) })),
    get('/no-token', async (ctx) => ({ csrfToken: (await sessions.csrfToken(ctx)) ?? null })),
    get('/jwt', { guards: [jwt.required()] }, () => ({ ok: true })),
    get('/reader', { guards: [described.required({ scopes: ['reader'] })] }, () => ({ ok: true })),
    get('/keys', { guards: [keys.required({ scopes: ['x'] })] }, () => ({ ok: true })),
    get('/machine', { guards: [machines.required()] }, () => ({ ok: true })),
    get('/basic', { guards: [basic.required()] }, () => ({ ok: true })),
    get('/plain', { guards: [plainSessions.required()] }, () => ({ ok: true })),
  ],
})

describe('the one-credential schemes', () => {
  it('document each scheme under its name, with the description when one is given', () => {
    const doc = generateDocument(app, { title: 't', version: '1' }) as {
      components: { securitySchemes: Record<string, unknown> }
      paths: Record<string, { get: { security: unknown } }>
    }
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      otherJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Tokens of the other kind' },
      apiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-Key', description: 'For machines' },
      machineKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      basicAuth: { type: 'http', scheme: 'basic' },
      cookieAuth: {
        type: 'apiKey',
        in: 'cookie',
        name: '__Host-sid',
        description: 'A server-side session; unsafe methods need a same-origin request or the CSRF header',
      },
      plainCookie: { type: 'apiKey', in: 'cookie', name: '__Host-plain', description: '' },
    })
    expect(doc.paths['/reader']!.get.security).toEqual([{ otherJwt: ['reader'] }])
    expect(doc.paths['/keys']!.get.security).toEqual([{ apiKeyAuth: ['x'] }])
  })

  it('provide the principal under auth:<name>, or the given key, and read scopes by scopesOf (default none)', async () => {
    expect(jwt.principal.name).toBe('auth:bearerAuth')
    expect(keys.principal.name).toBe('auth:apiKeyAuth')
    expect(basic.principal.name).toBe('auth:basicAuth')
    expect(sessions.principal.name).toBe('auth:cookieAuth')
    expect(described.principal.name).toBe('mine')
    expect(jwt.scopesOf({ sub: '1' })).toEqual([])
    expect(described.scopesOf({ sub: '1', roles: ['reader'] })).toEqual(['reader'])
    const token = await described.sign(env, { sub: '7' }, 60)
    const res = await testClient(app, { env }).fetch('/reader', { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    const other = await jwt.sign(env, { sub: '7' }, 60)
    const refused = await testClient(app, { env }).fetch('/jwt', { headers: { authorization: `Bearer ${other}x` } })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe(
      'Bearer realm="api", error="invalid_token", error_description="The token is invalid"',
    )
  })

  it("give back the session's CSRF token once its principal resolved, and none without a session", async () => {
    const client = testClient(app, { env })
    // This bare app documents no Set-Cookie on the login itself (the reference API does): the start is not checked.
    const started = await testClient(app, { env, contract: false }).fetch('/start', { method: 'POST' })
    const { csrfToken } = (await started.json()) as { csrfToken: string }
    expect(csrfToken).toMatch(/^[0-9a-f]{64}$/)
    const cookie = started.headers.get('set-cookie')!.split(';')[0]!
    const read = await client.fetch('/token', { headers: { cookie } })
    expect(await read.json()).toEqual({ csrfToken })
    expect(await (await client.fetch('/no-token', { headers: { cookie } })).json()).toEqual({ csrfToken: null })
    expect((await client.fetch('/token')).status).toBe(401)
  })

  it("take an API key whose stored hash is hex in either case, and refuse another key's secret", async () => {
    const client = testClient(app, { env })
    const made = await generateApiKey('eak')
    const other = await generateApiKey('eak')
    const send = (key: string) => client.fetch('/machine', { headers: { 'x-api-key': key } })
    stored.set(made.id, { secretHash: made.secretHash.toUpperCase(), principal: { id: made.id } })
    expect((await send(made.key)).status).toBe(200)
    stored.set(made.id, { secretHash: made.secretHash, principal: { id: made.id } })
    expect((await send(made.key)).status).toBe(200)
    // The id of one key with the secret of another: the stored hash is the first key's.
    const swapped = `eak_${made.id}_${other.key.split('_')[2]}`
    const refused = await send(swapped)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe(
      'ApiKey realm="api", header="X-API-Key", error="invalid_token", error_description="The API key is invalid or revoked"',
    )
    stored.set(made.id, { secretHash: made.secretHash.slice(2), principal: { id: made.id } })
    expect((await send(made.key)).status).toBe(401)
  })
})
