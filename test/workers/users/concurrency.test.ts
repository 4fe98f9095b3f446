import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { apiClient } from '../kit'

const api = apiClient()

const signUp = (email: string, i: number) =>
  api.fetch('/users', { method: 'POST', json: { name: `Racer ${i}`, email, age: 20, password: 'parallel-password' } })

describe('concurrent sign-ups', () => {
  it('lets exactly one of 50 parallel creates with one email win; the other 49 get 409', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => signUp('same@race.test', i)))
    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    for (const r of responses.filter((r) => r.status === 409))
      expect(r.headers.get('content-type')).toBe('application/problem+json')
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM users WHERE email = ?')
      .bind('same@race.test')
      .first<{ n: number }>()
    expect(rows!.n).toBe(1)
  }, 60_000)

  it('keeps all 200 parallel creates with distinct emails', async () => {
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => signUp(`racer${i}@many.test`, i)))
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201))
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: number }).id))
    expect(new Set(ids).size).toBe(200)
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email LIKE '%@many.test'").first<{
      n: number
    }>()
    expect(rows!.n).toBe(200)
  }, 120_000)
})
