import { describe, expect, it } from 'vitest'
import { problem } from '../helpers'
import { apiClient } from '../kit'
import { bearer, seedUser } from '../seed-user'

const api = apiClient()

let n = 0
const signUp = (fields: Record<string, unknown>) =>
  api.fetch('/users', {
    method: 'POST',
    json: {
      name: `Hygiene ${++n}`,
      email: `hygiene-${n}-${crypto.randomUUID().slice(0, 6)}@example.com`,
      age: 30,
      password: 'a-long-password',
      ...fields,
    },
  })

describe('display names refuse what would display as something else', () => {
  const hostile: [string, string][] = [
    ['a control character', 'Ada\u0007Lovelace'],
    ['a newline', 'Ada\nLovelace'],
    ['a right-to-left override', 'Ada\u202Eecalevol'],
    ['a left-to-right embedding', 'Ada\u202ALovelace'],
    ['a first-strong isolate', 'Ada\u2068Lovelace'],
    ['a zero-width space', 'Ada\u200BLovelace'],
    ['a zero-width joiner', 'Ada\u200DLovelace'],
    ['a word joiner', 'Ada\u2060Lovelace'],
    ['a byte-order mark', '\uFEFFAda Lovelace'],
  ]
  for (const [what, name] of hostile)
    it(`refuses ${what}, naming the field`, async () => {
      const res = await signUp({ name })
      expect(res.status).toBe(400)
      expect(await problem(res)).toMatchObject({
        errors: [
          expect.objectContaining({ in: 'body', name: 'name', message: expect.stringContaining('bidirectional') }),
        ],
      })
    })

  it('refuses them on PATCH too', async () => {
    const user = await seedUser()
    const res = await api.fetch(`/users/${user.id}`, {
      method: 'PATCH',
      headers: bearer(user.token),
      json: { name: 'Eve\u202E' },
    })
    expect(res.status).toBe(400)
    await res.arrayBuffer()
  })

  it('stores names NFC-normalised: a decomposed é becomes one code point', async () => {
    const res = await signUp({ name: 'Jose\u0301 Nin\u0303o' })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { name: string }).name).toBe('Jos\u00e9 Ni\u00f1o')
  })
})

describe('emails accept internationalised domains', () => {
  it('accepts a punycode (xn--) domain as it is', async () => {
    const email = `ada-${crypto.randomUUID().slice(0, 6)}@xn--bcher-kva.de`
    const res = await signUp({ email })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { email: string }).email).toBe(email)
  })

  it('stores a Unicode domain as its punycode', async () => {
    const local = `ada-${crypto.randomUUID().slice(0, 6)}`
    const res = await signUp({ email: `${local}@bücher.de` })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { email: string }).email).toBe(`${local}@xn--bcher-kva.de`)
  })

  it('still refuses what is not an address, with one message', async () => {
    for (const email of ['not-an-email', 'a@b', 'a..b@example.com', 'a@-x.example', 'a b@example.com']) {
      const res = await signUp({ email })
      expect(res.status, email).toBe(400)
      const { errors } = (await problem(res)) as { errors: { name: string }[] }
      expect(
        errors.filter((e) => e.name === 'email'),
        email,
      ).toHaveLength(1)
    }
  })
})
