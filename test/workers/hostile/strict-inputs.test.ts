import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { generateApiKey } from '../../../src/app/api-keys/key-secret'
import { problem } from '../helpers'
import { apiClient } from '../kit'
import { connect, ticketFor } from '../realtime/socket'
import { bearer, seedUser } from '../seed-user'

// Findings (low): unknown list filters ignored; chat text with bidi overrides, NUL and BEL; a look-alike name; an
// export key outliving its creator's admin role; a JWT with a trailing `=`.
const api = apiClient()

describe('a list refuses a filter it does not declare, naming it', () => {
  const refusals: [string, string][] = [
    ['/posts?authorId[ne]=2', 'authorId[ne]'],
    ['/posts?authorId[like]=%25', 'authorId[like]'],
    ['/posts?authorId[in][]=2', 'authorId[in][]'],
    ['/posts?authorId%5Bne%5D=2', 'authorId[ne]'],
    ['/posts?title=Secret', 'title'],
    ['/posts?author_id=2', 'author_id'],
    ['/users?email=ada%40example.com', 'email'],
    ['/users?role=admin', 'role'],
    ['/users?id[gte]=1', 'id[gte]'],
  ]
  for (const [url, name] of refusals)
    it(`${url}: 400 naming ${name}`, async () => {
      const res = await api.fetch(url)
      expect(res.status).toBe(400)
      expect(await problem(res)).toMatchObject({
        errors: [{ in: 'query', name, message: expect.stringMatching(/^is not a filter of this list/) }],
      })
    })

  it('still takes the filters it declares, and ignores parameters that name no field', async () => {
    for (const url of [
      '/posts?authorId=2',
      '/posts?authorId[in]=2&authorId[in]=3',
      '/posts?createdAt[gte]=2020-01-01T00:00:00.000Z',
      '/users?utm_source=mail&_=1',
    ])
      expect((await api.fetch(url)).status, url).toBe(200)
  })
})

describe('chat text follows the character rules of names', () => {
  it('answers NUL, BEL, a bidi override and a zero-width space with an error frame naming /text', async () => {
    const user = await seedUser()
    const room = `strict-${crypto.randomUUID().slice(0, 8)}`
    const socket = await connect(`/rooms/${room}?ticket=${await ticketFor(room, user.token)}`)
    await socket.next()
    for (const text of ['a\u0000b', 'ring\u0007', 'evil\u202Etxt.exe', 'zero\u200Bwidth', '\u2066isolate\u2069']) {
      socket.send({ type: 'say', text })
      expect(await socket.until('error')).toMatchObject({ problems: [{ pointer: '/text' }] })
    }
    socket.send({ type: 'say', text: 'plain words, émojis 🙂 and Ελληνικά' })
    expect(await socket.until('message')).toMatchObject({ text: 'plain words, émojis 🙂 and Ελληνικά' })
    socket.ws.close(1000)
  })
})

describe('names mixing scripts are refused', () => {
  const signUp = (name: string) =>
    api.fetch('/users', {
      method: 'POST',
      json: { name, email: `n-${crypto.randomUUID().slice(0, 8)}@example.com`, age: 30, password: 'a-long-password' },
    })

  it('refuses a Latin name with a Cyrillic or Greek look-alike letter, naming name', async () => {
    for (const name of ['\u0410dmin', 'Adm\u0456n', 'P\u0430ypal Support', '\u0391lice']) {
      const res = await signUp(name)
      expect(res.status, name).toBe(400)
      expect(await problem(res)).toMatchObject({ errors: [{ in: 'body', name: 'name' }] })
    }
  })

  it('takes names of one script, and the mixes Unicode calls highly restrictive', async () => {
    for (const name of [
      'Zoë Ångström',
      'Алексей Смирнов',
      'Ελένη',
      '山田 Taro',
      'やまだ 太郎',
      '김 Kim',
      "O'Brien-Smith 3rd",
    ])
      expect((await signUp(name)).status, name).toBe(201)
  })
})

describe('an export key ends with its creator’s admin role', () => {
  const keyOf = async (creatorId: number) => {
    const { id, key, secretHash } = await generateApiKey()
    await env.DB.prepare('INSERT INTO api_keys (id, name, secret_hash, scopes, created_by) VALUES (?, ?, ?, ?, ?)')
      .bind(id, 'exporter', secretHash, 'export', creatorId)
      .run()
    return key
  }
  const exportWith = (key: string) => api.fetch('/integrations/export', { headers: { 'x-api-key': key } })

  it('stops working when its creator is demoted', async () => {
    const creator = await seedUser('admin')
    const key = await keyOf(creator.id)
    expect((await exportWith(key)).status).toBe(200)
    await env.DB.prepare("UPDATE users SET role = 'user' WHERE id = ?").bind(creator.id).run()
    expect((await exportWith(key)).status).toBe(401)
  })

  it('stops working when its creator is deleted (the key row stays, created_by goes NULL)', async () => {
    const creator = await seedUser('admin')
    const key = await keyOf(creator.id)
    expect((await exportWith(key)).status).toBe(200)
    await env.DB.prepare('DELETE FROM users WHERE id = ?').bind(creator.id).run()
    expect((await exportWith(key)).status).toBe(401)
  })
})

describe('JWTs must be canonical base64url', () => {
  it('refuses a token with a trailing =, or a last character with stray bits, that the signature still covers', async () => {
    const user = await seedUser()
    expect((await api.fetch('/auth/me', { headers: bearer(user.token) })).status).toBe(200)
    const [head, body, sig] = user.token.split('.') as [string, string, string]
    // A 256-bit HMAC is 43 characters: the last carries 2 unused bits; flipping them decodes to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(sig.at(-1)!)
    const stray = `${sig.slice(0, -1)}${alphabet[last | 1]}`
    for (const token of [`${user.token}=`, `${head}=.${body}.${sig}`, `${head}.${body}.${stray}`]) {
      const res = await api.fetch('/auth/me', { headers: bearer(token) })
      expect(res.status, token.slice(-8)).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_(token|request)"/)
    }
    const refresh = await api.fetch('/auth/refresh', {
      method: 'POST',
      json: { refreshToken: `${user.refreshToken}=` },
    })
    expect(refresh.status).toBe(401)
  })
})
