import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import seed from '../../../schema/seed.sql'
import { verifyPassword } from '../../../src/app/auth/password'

const counts = async () => {
  const users = await env.DB.prepare('SELECT count(*) AS n FROM users').first<{ n: number }>()
  const posts = await env.DB.prepare('SELECT count(*) AS n FROM posts').first<{ n: number }>()
  return { users: users!.n, posts: posts!.n }
}
// D1's exec takes one statement per line; the seed's statements span lines, so split on the terminators.
const statements = seed
  .split(/;\s*\n/)
  .map((s) => s.replace(/^--.*$/gm, '').trim())
  .filter(Boolean)
const runSeed = () => env.DB.batch(statements.map((s) => env.DB.prepare(s)))

describe('schema/seed.sql', () => {
  it('loads a few users (one admin) and posts, and loading it again changes nothing', async () => {
    await runSeed()
    const first = await counts()
    expect(first).toEqual({ users: 3, posts: 4 })
    await runSeed()
    expect(await counts()).toEqual(first)
    const admin = await env.DB.prepare("SELECT role FROM users WHERE email = 'admin@example.com'").first()
    expect(admin).toEqual({ role: 'admin' })
  })

  it('stores hashes of the documented passwords', async () => {
    await runSeed()
    const rows = await env.DB.prepare('SELECT email, password_hash FROM users ORDER BY id').all<{
      email: string
      password_hash: string
    }>()
    for (const row of rows.results) {
      const password = `${row.email.split('@')[0]}-password`
      expect(await verifyPassword(password, row.password_hash), row.email).toBe(true)
    }
  })
})
