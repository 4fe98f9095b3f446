import { env } from 'cloudflare:workers'
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp, dependency, get } from '../../../src/core'
import {
  apiKeyAuth,
  bearerJwt,
  firstOf,
  generateApiKey,
  httpBasic,
  localJwks,
  remoteJwks,
  timingSafeEqual,
} from '../../../src/core/auth'
import { generateDocument } from '../../../src/core/openapi'
import { testClient } from '../../../src/core/testing'
import { b64url } from '../craft-jwt'
import { problem } from '../helpers'

// Keys made in the test: nothing is fetched from the network; the "remote" JWKS is served by a fetch handler.
let privateKey: CryptoKey
let publicJwk: JWK
let fetches = 0
const now = () => Math.floor(Date.now() / 1000)
const sign = (claims: Record<string, unknown> = {}, alg = 'ES256', key: CryptoKey | Uint8Array = privateKey) =>
  new SignJWT({ sub: '7', ...claims })
    .setProtectedHeader({ alg, kid: 'k1' })
    .setIssuer((claims.iss as string) ?? 'https://issuer.test')
    .setAudience((claims.aud as string) ?? 'widgets')
    .setIssuedAt()
    .setExpirationTime((claims.exp as number) ?? now() + 300)
    .sign(key)

const options = {
  issuer: 'https://issuer.test',
  audience: 'widgets',
  principal: (c: { sub?: string }) => ({ sub: c.sub! }),
}
const fromObject = () => bearerJwt({ ...options, name: 'objectJwt', jwks: localJwks({ keys: [publicJwk] }) })
const fromUrl = () =>
  bearerJwt({
    ...options,
    name: 'urlJwt',
    jwks: remoteJwks('https://keys.test/.well-known/jwks.json', {
      fetch: async (url) => {
        fetches++
        return url === 'https://keys.test/.well-known/jwks.json'
          ? Response.json({ keys: [publicJwk] })
          : new Response('not found', { status: 404 })
      },
    }),
  })

type Stored = { secretHash: string; principal: { id: string; scopes: string[] } }
const keys = new Map<string, Stored>()
const machines = apiKeyAuth({ lookup: async (id) => keys.get(id), scopesOf: (k) => k.scopes })
const scraper = httpBasic({
  realm: 'metrics',
  credentials: () => ({ username: 'metrics', password: 'correct-password' }),
})

let app: ReturnType<typeof createApp>
beforeAll(async () => {
  const pair = await generateKeyPair('ES256')
  privateKey = pair.privateKey
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }
  const object = fromObject()
  const url = fromUrl()
  const either = firstOf(dependency<{ sub: string } | null>('either'), [object, url])
  const ok = (path: string, guards: ReturnType<typeof object.required>[]) => get(path, { guards }, () => ({ ok: true }))
  app = createApp({
    dependencies: [
      ...object.dependencies,
      ...url.dependencies,
      ...either.dependencies,
      ...machines.dependencies,
      ...scraper.dependencies,
    ],
    handlers: [
      ok('/object', [object.required()]),
      ok('/url', [url.required()]),
      ok('/either', [either.required()]),
      ok('/stats', [machines.required({ scopes: ['stats'] })]),
      ok('/metrics', [scraper.required()]),
    ],
  })
})
const auth = (value: string) => ({ headers: { authorization: value } })

describe('bearerJwt with asymmetric keys', () => {
  it('accepts a token signed by a key of a JWKS object', async () => {
    expect((await testClient(app, { env }).fetch('/object', auth(`Bearer ${await sign()}`))).status).toBe(200)
  })

  it('fetches a JWKS URL through the given fetch, once, and caches it', async () => {
    const before = fetches
    expect((await testClient(app, { env }).fetch('/url', auth(`Bearer ${await sign()}`))).status).toBe(200)
    expect((await testClient(app, { env }).fetch('/url', auth(`Bearer ${await sign()}`))).status).toBe(200)
    expect(fetches - before).toBe(1)
  })

  it('refuses the wrong issuer or audience, and an HS256 token (no algorithm confusion)', async () => {
    for (const token of [
      await sign({ iss: 'https://evil.test' }),
      await sign({ aud: 'other' }),
      await sign({}, 'HS256', new TextEncoder().encode('x'.repeat(32))),
    ]) {
      const res = await testClient(app, { env }).fetch('/object', auth(`Bearer ${token}`))
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe(
        'Bearer realm="api", error="invalid_token", error_description="The token is invalid"',
      )
    }
  })

  it('tolerates the configured clock skew (5 s) on expiry, and no more', async () => {
    expect(
      (await testClient(app, { env }).fetch('/object', auth(`Bearer ${await sign({ exp: now() - 2 })}`))).status,
    ).toBe(200)
    const late = await testClient(app, { env }).fetch('/object', auth(`Bearer ${await sign({ exp: now() - 30 })}`))
    expect(late.status).toBe(401)
    expect(await problem(late)).toMatchObject({ detail: 'The token has expired' })
  })

  it('refuses a configuration that would accept "none", or has no key source', () => {
    expect(() => bearerJwt({ ...options, jwks: localJwks({ keys: [] }), algorithms: ['none'] })).toThrow(/none/)
    expect(() => bearerJwt(options)).toThrow(/exactly one/)
  })

  it('refuses, with a JWKS too, a crit header and a claims set with a name twice, though well signed', async () => {
    const craft = async (header: string, payload: string) => {
      const input = `${b64url(header)}.${b64url(payload)}`
      const signature = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        privateKey,
        new TextEncoder().encode(input),
      )
      return `${input}.${b64url(new Uint8Array(signature))}`
    }
    const claims = JSON.stringify({ sub: '7', iss: 'https://issuer.test', aud: 'widgets', iat: now(), exp: now() + 60 })
    const status = async (token: string) =>
      (await testClient(app, { env }).fetch('/object', auth(`Bearer ${token}`))).status
    expect(await status(await craft('{"alg":"ES256","kid":"k1"}', claims))).toBe(200)
    expect(await status(await craft('{"alg":"ES256","kid":"k1","crit":["exp"],"exp":1}', claims))).toBe(401)
    expect(await status(await craft('{"alg":"ES256","kid":"k1"}', `${claims.slice(0, -1)},"sub":"1"}`))).toBe(401)
    expect(
      await status(await craft('{"alg":"ES256","kid":"k1"}', claims.replace(/"exp":\d+/, '"exp":"9999999999"'))),
    ).toBe(401)
  })

  it('refuses at build a secret with algorithms other than HS256, and a maxTokenAge it cannot read', () => {
    const secret = () => 'x'.repeat(32)
    expect(() => bearerJwt({ ...options, secret, algorithms: ['HS512'] })).toThrow(/HS256 only/)
    expect(() => bearerJwt({ ...options, secret, algorithms: ['HS256', 'RS256'] })).toThrow(/HS256 only/)
    expect(() => bearerJwt({ ...options, secret, maxTokenAge: 'a while' })).toThrow(/maxTokenAge "a while"/)
    expect(() => bearerJwt({ ...options, secret, maxTokenAge: -1 })).toThrow(/maxTokenAge -1/)
    for (const maxTokenAge of ['1d', '12h', '30 minutes', '2w', 90]) bearerJwt({ ...options, secret, maxTokenAge })
  })

  it('firstOf challenges with every scheme', async () => {
    const res = await testClient(app, { env }).fetch('/either')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api", Bearer realm="api"')
    expect((await testClient(app, { env }).fetch('/either', auth(`Bearer ${await sign()}`))).status).toBe(200)
  })
})

describe('apiKeyAuth', () => {
  it('accepts a stored key with the scope, refuses a wrong secret (401) and a missing scope (403)', async () => {
    const made = await generateApiKey('eak')
    keys.set(made.id, { secretHash: made.secretHash, principal: { id: made.id, scopes: ['stats'] } })
    expect((await testClient(app, { env }).fetch('/stats', { headers: { 'x-api-key': made.key } })).status).toBe(200)
    // The last character changed to another one (a fixed replacement would equal it one time in 64).
    const flipped = `${made.key.slice(0, -1)}${made.key.endsWith('A') ? 'B' : 'A'}`
    const wrong = await testClient(app, { env }).fetch('/stats', { headers: { 'x-api-key': flipped } })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toBe(
      'ApiKey realm="api", header="X-API-Key", error="invalid_token", error_description="The API key is invalid or revoked"',
    )
    const other = await generateApiKey('eak')
    keys.set(other.id, { secretHash: other.secretHash, principal: { id: other.id, scopes: ['export'] } })
    const scope = await testClient(app, { env }).fetch('/stats', { headers: { 'x-api-key': other.key } })
    expect(scope.status).toBe(403)
    expect(scope.headers.get('www-authenticate')).toContain('error="insufficient_scope"')
    const none = await testClient(app, { env }).fetch('/stats')
    expect(none.headers.get('www-authenticate')).toBe('ApiKey realm="api", header="X-API-Key"')
  })
})

describe('httpBasic', () => {
  const basic = (user: string, password: string) => auth(`Basic ${btoa(`${user}:${password}`)}`)
  it('challenges with the realm and charset, and checks both halves', async () => {
    const none = await testClient(app, { env }).fetch('/metrics')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="metrics", charset="UTF-8"')
    for (const [u, p] of [
      ['metrics', 'wrong'],
      ['someone', 'correct-password'],
      ['', ''],
    ]) {
      const res = await testClient(app, { env }).fetch('/metrics', basic(u!, p!))
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="metrics", charset="UTF-8"')
    }
    expect((await testClient(app, { env }).fetch('/metrics', basic('metrics', 'correct-password'))).status).toBe(200)
    expect((await testClient(app, { env }).fetch('/metrics', auth('Bearer abc'))).status).toBe(401)
  })
})

describe('the document gets every scheme from the guards', () => {
  it("lists each scheme once, and each operation demands exactly its guard's", () => {
    const doc = generateDocument(app, { title: 't', version: '1' }) as {
      components: { securitySchemes: Record<string, unknown> }
      paths: Record<string, { get: { security: unknown; responses: Record<string, unknown> } }>
    }
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'apiKeyAuth',
      'basicAuth',
      'objectJwt',
      'urlJwt',
    ])
    expect(doc.paths['/stats']!.get.security).toEqual([{ apiKeyAuth: ['stats'] }])
    expect(doc.paths['/either']!.get.security).toEqual([{ objectJwt: [] }, { urlJwt: [] }])
    expect(Object.keys(doc.paths['/stats']!.get.responses)).toEqual(expect.arrayContaining(['401', '403']))
    expect(Object.keys(doc.paths['/metrics']!.get.responses)).not.toContain('403')
  })
})

describe('timingSafeEqual', () => {
  it('is true only for the same bytes of the same length', () => {
    const a = new Uint8Array([1, 2, 3])
    expect(timingSafeEqual(a, new Uint8Array([1, 2, 3]))).toBe(true)
    expect(timingSafeEqual(a, new Uint8Array([1, 2, 4]))).toBe(false)
    expect(timingSafeEqual(a, new Uint8Array([1, 2]))).toBe(false)
  })
})
