import { jwtVerify, SignJWT } from 'jose'
import { describe, expect, it, vi } from 'vitest'
import { JwtExpired, JwtInvalid, MAX_JWT_LENGTH, signHs256Jwt, verifyHs256Jwt } from '../../../src/core/auth'
import { b64url, craftJwt } from '../craft-jwt'

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256'
const key = new TextEncoder().encode(SECRET)
const opts = { issuer: 'iss.test', audience: 'aud.test', clockSkew: 5, requiredClaims: ['sub'] }
const now = () => Math.floor(Date.now() / 1000)
const HEADER = { alg: 'HS256', typ: 'JWT' }
const good = () => ({ sub: '7', iss: 'iss.test', aud: 'aud.test', iat: now(), exp: now() + 300 })
const craft = (header: string | object, payload: string | object) => craftJwt(header, payload, SECRET)
const reason = async (token: string, options = opts) =>
  verifyHs256Jwt(token, SECRET, options).then(
    () => 'accepted',
    (e: unknown) => (e instanceof JwtExpired ? `expired: ${e.message}` : e instanceof JwtInvalid ? e.message : e),
  )

describe('HS256 JWTs agree with jose', () => {
  it('signs tokens jose verifies, with the header and claims of a JWT library', async () => {
    const token = await signHs256Jwt(
      SECRET,
      { sub: '7', ver: 2 },
      { issuer: 'iss.test', audience: 'aud.test', ttl: 60 },
    )
    const { payload, protectedHeader } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: 'iss.test',
      audience: 'aud.test',
      requiredClaims: ['exp', 'iat', 'jti'],
    })
    expect(protectedHeader).toEqual(HEADER)
    expect(payload).toMatchObject({ sub: '7', ver: 2, iss: 'iss.test', aud: 'aud.test' })
    expect(payload.exp! - payload.iat!).toBe(60)
    expect(Math.abs(payload.iat! - now())).toBeLessThanOrEqual(1)
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('verifies tokens jose signs, with aud as a string or an array naming ours', async () => {
    for (const aud of ['aud.test', ['other', 'aud.test']]) {
      const token = await new SignJWT({ sub: '7', role: 'x' })
        .setProtectedHeader(HEADER)
        .setIssuer('iss.test')
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key)
      expect(await verifyHs256Jwt(token, SECRET, opts)).toMatchObject({ sub: '7', role: 'x', aud })
    }
  })

  it('keeps a jti given in the claims', async () => {
    const token = await signHs256Jwt(SECRET, { jti: 'mine' }, { issuer: 'iss.test', audience: 'aud.test', ttl: 60 })
    expect((await verifyHs256Jwt(token, SECRET, { ...opts, requiredClaims: [] })).jti).toBe('mine')
  })

  it('refuses a secret under 32 characters, to sign or verify, as a configuration error', async () => {
    const token = await craft(HEADER, good())
    await expect(verifyHs256Jwt(token, 'short', opts)).rejects.toThrow(/at least 32 characters/)
    await expect(verifyHs256Jwt(token, 'short', opts)).rejects.not.toBeInstanceOf(JwtInvalid)
    await expect(signHs256Jwt('x'.repeat(31), {}, { issuer: 'i', audience: 'a', ttl: 60 })).rejects.toThrow(/32/)
  })
})

describe('HS256 verification refuses, each for its reason', () => {
  const stray = (sig: string) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    return `${sig.slice(0, -1)}${alphabet[alphabet.indexOf(sig.at(-1)!) | 1]}`
  }
  const attacks: [string, () => Promise<string>, RegExp][] = [
    ['the control: a good token', () => craft(HEADER, good()), /^accepted$/],
    [
      'alg none, no signature',
      async () => `${b64url('{"alg":"none"}')}.${b64url(JSON.stringify(good()))}.`,
      /canonical/,
    ],
    ['alg none, with a signature', () => craft({ alg: 'none' }, good()), /"alg" header is not HS256/],
    ['alg hs256 in lower case', () => craft({ alg: 'hs256' }, good()), /"alg" header is not HS256/],
    ['no alg', () => craft({ typ: 'JWT' }, good()), /"alg" header/],
    ['alg HS512 with the same secret', () => craftJwt({ alg: 'HS512' }, good(), SECRET, 'SHA-512'), /"alg"/],
    ['alg HS384 with the same secret', () => craftJwt({ alg: 'HS384' }, good(), SECRET, 'SHA-384'), /"alg"/],
    ['alg RS256 over an HMAC', () => craft({ alg: 'RS256' }, good()), /"alg"/],
    ['a crit header', () => craft({ alg: 'HS256', crit: ['exp'], exp: 1 }, good()), /"crit" header/],
    ['b64: false', () => craft({ alg: 'HS256', b64: false }, good()), /"b64" header/],
    ['b64: false with crit', () => craft({ alg: 'HS256', b64: false, crit: ['b64'] }, good()), /"crit" header/],
    ['another secret', () => craftJwt(HEADER, good(), `${SECRET}!`), /signature does not match/],
    [
      'a payload changed after signing',
      async () => {
        const [h, , s] = (await craft(HEADER, good())).split('.')
        return `${h}.${b64url(JSON.stringify({ ...good(), sub: '1' }))}.${s}`
      },
      /signature does not match/,
    ],
    [
      'a signature changed',
      async () => {
        const token = await craft(HEADER, good())
        return `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`
      },
      /signature does not match/,
    ],
    ['padding =', async () => `${await craft(HEADER, good())}=`, /canonical/],
    [
      'stray trailing bits in the signature',
      async () => {
        const [h, p, s] = (await craft(HEADER, good())).split('.') as [string, string, string]
        return `${h}.${p}.${stray(s)}`
      },
      /canonical/,
    ],
    ['two segments', async () => (await craft(HEADER, good())).split('.').slice(0, 2).join('.'), /canonical/],
    ['four segments', async () => `${await craft(HEADER, good())}.AAAA`, /canonical/],
    [
      // A run of "~" always holds an aligned "~~~", base64 "fn5+": the payload has a "-" to spell as "+".
      'standard base64 alphabet',
      async () => (await craft(HEADER, { ...good(), pad: '~~~~~~' })).replaceAll('-', '+'),
      /canonical/,
    ],
    ['a header nested 2,500 deep', () => craft(`{"x":${'['.repeat(2500)}${']'.repeat(2500)}}`, good()), /"alg" header/],
    ['header a JSON array', () => craft('["HS256"]', good()), /header is not a JSON object/],
    ['header a JSON number', () => craft('1', good()), /header is not a JSON object/],
    ['header not JSON', () => craft('{alg:HS256}', good()), /header is not UTF-8 JSON/],
    ['payload a JSON array', () => craft(HEADER, '[1]'), /payload is not a JSON object/],
    ['payload a JSON number', () => craft(HEADER, '1700000000'), /payload is not a JSON object/],
    ['payload a JSON string', () => craft(HEADER, '"sub"'), /payload is not a JSON object/],
    ['payload null', () => craft(HEADER, 'null'), /payload is not a JSON object/],
    ['payload not UTF-8', () => craft(HEADER, new Uint8Array([0x7b, 0xff, 0x7d])), /payload is not UTF-8 JSON/],
    ['payload with a byte order mark', () => craft(HEADER, `\ufeff${JSON.stringify(good())}`), /not UTF-8 JSON/],
    ['header alg twice (last wins in JSON.parse)', () => craft('{"alg":"none","alg":"HS256"}', good()), /"alg" twice/],
    [
      'payload sub twice',
      () => craft(HEADER, `${JSON.stringify(good()).slice(0, -1)},"sub":"1"}`),
      /payload has the member "sub" twice/,
    ],
    [
      'payload sub twice, once escaped',
      () => craft(HEADER, `${JSON.stringify(good()).slice(0, -1)}, "\\u0073ub" : "1"}`),
      /"sub" twice/,
    ],
    [
      'a nested name twice',
      () => craft(HEADER, `{"ctx":{"a":1,"a":2},${JSON.stringify(good()).slice(1)}`),
      /"a" twice/,
    ],
    [
      'names repeated only as values, or in different objects (the control)',
      () => craft(HEADER, { ...good(), a: 'sub', b: { sub: 'a:"sub"' }, c: [{ x: 1 }, { x: 2 }] }),
      /^accepted$/,
    ],
    ['exp missing', () => craft(HEADER, { ...good(), exp: undefined }), /"exp" claim is missing/],
    ['sub (required) missing', () => craft(HEADER, { ...good(), sub: undefined }), /"sub" claim is missing/],
    ['exp a string', () => craft(HEADER, { ...good(), exp: String(now() + 300) }), /"exp" claim is not a number/],
    ['nbf a string', () => craft(HEADER, { ...good(), nbf: String(now()) }), /"nbf" claim is not a number/],
    ['iat a string', () => craft(HEADER, { ...good(), iat: String(now()) }), /"iat" claim is not a number/],
    ['sub a number', () => craft(HEADER, { ...good(), sub: 7 }), /"sub" claim is not a string/],
    ['exp past', () => craft(HEADER, { ...good(), exp: now() - 60 }), /^expired: The "exp" claim is past/],
    ['exp within the skew (the control)', () => craft(HEADER, { ...good(), exp: now() - 2 }), /^accepted$/],
    ['nbf in the future', () => craft(HEADER, { ...good(), nbf: now() + 60 }), /"nbf" claim is in the future/],
    ['iat in the future', () => craft(HEADER, { ...good(), iat: now() + 60 }), /"iat" claim is in the future/],
    ['another issuer', () => craft(HEADER, { ...good(), iss: 'evil.test' }), /"iss" claim is not the expected/],
    ['iss missing', () => craft(HEADER, { ...good(), iss: undefined }), /"iss" claim is missing/],
    ['another audience', () => craft(HEADER, { ...good(), aud: 'evil.test' }), /"aud" claim does not name/],
    ['an aud array without ours', () => craft(HEADER, { ...good(), aud: ['a', 'b'] }), /"aud" claim does not name/],
    ['an aud array of non-strings', () => craft(HEADER, { ...good(), aud: ['aud.test', 1] }), /string or an array/],
    ['aud an object', () => craft(HEADER, { ...good(), aud: { 0: 'aud.test' } }), /string or an array/],
  ]
  for (const [label, token, expected] of attacks)
    it(label, async () => {
      expect(await reason(await token())).toMatch(expected)
    })

  it('refuses an iat older than maxTokenAge as expired, and takes one just inside it', async () => {
    const aged = { ...opts, maxTokenAge: 3600 }
    const old = await craft(HEADER, { ...good(), iat: now() - 3600 - 60 })
    expect(await reason(old, aged)).toMatch(/^expired: The "iat" claim is older than the maximum token age/)
    expect(await reason(await craft(HEADER, { ...good(), iat: now() - 3590 }), aged)).toBe('accepted')
    expect(await reason(await craft(HEADER, { ...good(), iat: undefined }), aged)).toMatch(/"iat" claim is missing/)
  })

  it('refuses a token longer than 8 KiB before decoding or hashing it, even well signed', async () => {
    // base64url spends 4 characters on 3 bytes: a pad of 5,900 fits under the cap, 6,200 does not.
    const fits = await craft(HEADER, { ...good(), pad: 'x'.repeat(5900) })
    const long = await craft(HEADER, { ...good(), pad: 'x'.repeat(6200) })
    expect(fits.length).toBeLessThanOrEqual(MAX_JWT_LENGTH)
    expect(long.length).toBeGreaterThan(MAX_JWT_LENGTH)
    const verify = vi.spyOn(crypto.subtle, 'verify')
    try {
      expect(await reason(fits)).toBe('accepted')
      expect(await reason(long)).toMatch(/longer than 8192 characters/)
      expect(verify).toHaveBeenCalledTimes(1)
    } finally {
      verify.mockRestore()
    }
  })
})
