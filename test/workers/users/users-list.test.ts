import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { type ApiClient, apiClient, type UserBody } from '../kit'

interface Page {
  items: UserBody[]
  total: number
  page: number
  per_page: number
}
const api = apiClient()
const list = async (query: string) => {
  const res = await api.fetch(`/users${query}`)
  return { res, body: (await res.clone().json()) as Page }
}
// The admin list searches emails too, which can be longer than any name: the place for 100-character searches.
// Its admin signs in with the search tests' own rows, after the pagination tests counted the table.
let admin: ApiClient
const adminList = async (query: string) => {
  const res = await admin.fetch(`/admin/users${query}`)
  return { res, body: (await res.clone().json()) as Page }
}

// Rows go straight into D1 (the hash is never read here): 45 plain users plus a few with wildcard characters.
beforeAll(async () => {
  const insert = env.DB.prepare('INSERT INTO users (name, email, age, password_hash) VALUES (?, ?, ?, ?)')
  const rows: [string, string][] = Array.from({ length: 45 }, (_, i) => [`Person ${i + 1}`, `person${i + 1}@list.test`])
  rows.push(
    ['Percent 100% Sure', 'percent@wild.test'],
    ['Under_Score', 'under_score@wild.test'],
    ['UnderXScore', 'underxscore@wild.test'],
    ['Back\\Slash', 'backslash@wild.test'],
    ['MiXeD CaSe', 'MixedCase@Wild.Test'],
  )
  await env.DB.batch(rows.map(([name, email]) => insert.bind(name, email, 20, 'not-a-real-hash')))
})

describe('GET /users pagination', () => {
  it('defaults to page 1 with 20 per page and reports the total', async () => {
    const { res, body } = await list('')
    expect(res.status).toBe(200)
    expect(body).toMatchObject({ total: 50, page: 1, per_page: 20 })
    expect(body.items).toHaveLength(20)
    expect(body.items[0]!.name).toBe('Person 1')
  })

  it('returns the remainder on the last page and an empty page beyond it', async () => {
    const last = await list('?page=3&per_page=20')
    expect(last.body).toMatchObject({ total: 50, page: 3, per_page: 20 })
    expect(last.body.items).toHaveLength(10)
    const beyond = await list('?page=4&per_page=20')
    expect(beyond.res.status).toBe(200)
    expect(beyond.body).toEqual({ items: [], total: 50, page: 4, per_page: 20 })
  })

  it('walks every row exactly once across pages', async () => {
    const seen: number[] = []
    for (let page = 1; page <= 7; page++)
      seen.push(...(await list(`?page=${page}&per_page=8`)).body.items.map((u) => u.id))
    expect(seen).toHaveLength(50)
    expect(new Set(seen).size).toBe(50)
  })

  it('accepts per_page at its bounds, 1 and 100', async () => {
    expect((await list('?per_page=1')).body.items).toHaveLength(1)
    expect((await list('?per_page=100')).body.items).toHaveLength(50)
  })

  for (const [query, field] of [
    ['?per_page=101', 'per_page'],
    ['?per_page=0', 'per_page'],
    ['?per_page=ten', 'per_page'],
    ['?page=0', 'page'],
    ['?page=-2', 'page'],
    ['?page=1.5', 'page'],
  ] as const) {
    it(`rejects ${query} with 400 naming ${field}`, async () => {
      const res = await api.fetch(`/users${query}`)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(await res.json()).toMatchObject({ errors: [{ in: 'query', name: field }] })
    })
  }
})

describe('GET /users?search', () => {
  beforeAll(async () => {
    const insert = env.DB.prepare('INSERT INTO users (name, email, age, password_hash) VALUES (?, ?, ?, ?)')
    await env.DB.batch([
      insert.bind('Long Email', `${'x'.repeat(110)}@long.test`, 20, 'not-a-real-hash'),
      insert.bind('Long Wild', `${'a_'.repeat(55)}@long.test`, 20, 'not-a-real-hash'),
    ])
    // These rows skip the API's validation: no sign-up accepts a 110-character local part, which the document's
    // `format: email` rightly says, so the admin reading them back does so off the contract.
    admin = await apiClient({ contract: false }).as({ role: 'admin' })
  })
  const names = async (search: string) =>
    (await list(`?per_page=100&search=${encodeURIComponent(search)}`)).body.items.map((u) => u.name).sort()

  it('matches the name case-insensitively, and never the email (email search is for admins)', async () => {
    expect(await names('mixed')).toEqual(['MiXeD CaSe'])
    expect(await names('WILD.TEST')).toEqual([])
    expect(await names('person4')).toEqual([])
    expect(await names('PERSON 4')).toEqual([
      'Person 4',
      'Person 40',
      'Person 41',
      'Person 42',
      'Person 43',
      'Person 44',
      'Person 45',
    ])
  })

  it('treats % and _ as literal characters, not wildcards', async () => {
    expect(await names('%')).toEqual(['Percent 100% Sure'])
    expect(await names('100%')).toEqual(['Percent 100% Sure'])
    // 'Long Wild' has `_` only in its email, which the public list does not search.
    expect(await names('_')).toEqual(['Under_Score'])
    expect(await names('r_s')).toEqual(['Under_Score'])
    expect(await names('\\')).toEqual(['Back\\Slash'])
  })

  it('counts the total over the search, not the table', async () => {
    const { body } = await list('?search=person&per_page=5')
    expect(body.total).toBe(45)
    expect(body.items).toHaveLength(5)
  })

  // D1 refuses LIKE patterns over 50 bytes: the documented 100 characters must still search, wildcards literal.
  for (const length of [49, 50, 100]) {
    it(`searches with ${length} characters`, async () => {
      const long = 'x'.repeat(length)
      // The public list takes the same length (a 200 with no match: names are at most 50 characters).
      const open = await list(`?search=${long}`)
      expect(open.res.status).toBe(200)
      expect(open.body.total).toBe(0)
      const { res, body } = await adminList(`?search=${long}`)
      expect(res.status).toBe(200)
      expect(body.items.map((u) => u.name)).toEqual(['Long Email'])
      const literal = 'a_'.repeat(55).slice(0, length)
      const wild = await adminList(`?search=${encodeURIComponent(literal)}`)
      expect(wild.res.status).toBe(200)
      expect(wild.body.items.map((u) => u.name)).toEqual(['Long Wild'])
      // As many wildcards match nothing: `%` and `_` stay literal at every length.
      expect((await adminList(`?search=${encodeURIComponent('%'.repeat(length))}`)).body.total).toBe(0)
      expect((await adminList(`?search=${'_'.repeat(length)}`)).body.total).toBe(0)
    })
  }

  it('treats SQL in the search text as text', async () => {
    const { res, body } = await list(`?search=${encodeURIComponent("' OR 1=1 --")}`)
    expect(res.status).toBe(200)
    expect(body.total).toBe(0)
  })
})
