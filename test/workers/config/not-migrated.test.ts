import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { problem } from '../helpers'
import { apiClient } from '../kit'

const api = apiClient()

afterEach(() => vi.restoreAllMocks())

// Storage is isolated per test file: this file's database loses its posts table, as an unmigrated one would.
beforeAll(async () => {
  await env.DB.prepare('DROP TABLE posts').run()
})

describe('a database whose migrations were not applied', () => {
  it('answers a data route with a 503 problem naming the command, not a 500', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await api.fetch('/posts')
    expect(res.status).toBe(503)
    const body = await problem(res)
    expect(body.detail).toContain('The database has no table posts')
    expect(body.detail).toContain('`npx wrangler d1 migrations apply DB --local`')
    expect(body.detail).toContain('`npm run deploy`')
    expect(log).toHaveBeenCalled()
  })

  it('still answers other unexpected errors with the fixed 500', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const fault = () => {
      throw new Error('D1_ERROR: disk I/O error')
    }
    vi.spyOn(env.DB, 'prepare').mockImplementation(fault)
    // Repositories read through the request's D1 session (read replicas), so its statements fail alike.
    vi.spyOn(env.DB, 'withSession').mockImplementation(
      () => ({ prepare: fault, batch: fault, getBookmark: () => null }) as unknown as D1DatabaseSession,
    )
    const res = await api.fetch('/users')
    expect(res.status).toBe(500)
    expect(await problem(res)).toMatchObject({ status: 500, detail: 'An unexpected error occurred' })
  })
})
