import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp, get, post, validation } from '../../../src/core'
import { testClient } from '../../../src/core/testing'

// A handler whose result breaks its response schema after its write committed: the bug the client must not pay for.
const Entry = v.object({
  id: v.number(),
  done: v.boolean(),
  lines: v.array(v.object({ sku: v.string() })),
})
const addEntry = post('/entries', { response: Entry }, async ({ env }) => {
  const row = await env.DB.prepare("INSERT INTO entries (done, secret) VALUES (0, 'hunter2') RETURNING *").first()
  // `done` comes back 0, not false; `secret` and the line's `cost` are not in the schema.
  return { ...row, lines: [{ sku: 'A-1', cost: 7 }] } as never
})
const readEntry = get(
  '/entries',
  { response: Entry },
  () => ({ id: 1, done: 0, secret: 'hunter2', lines: [] }) as never,
)
const app = createApp({ plugins: [validation()], handlers: [addEntry, readEntry] })
const count = async () => (await env.DB.prepare('SELECT count(*) AS n FROM entries').first<{ n: number }>())!.n

beforeAll(async () => {
  await env.DB.exec('CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, done INTEGER NOT NULL, secret TEXT)')
})

describe('an answer after a commit never lies', () => {
  it('fails a test loudly: the testing kit throws the mismatch, naming route and field', async () => {
    const before = await count()
    await expect(testClient(app, { env }).fetch('/entries', { method: 'POST' })).rejects.toThrow(
      /Response of POST \/entries does not match its schema:[\s\S]*at done/,
    )
    await expect(testClient(app, { env }).call(addEntry, {})).rejects.toThrow(/does not match its schema/)
    expect(await count()).toBe(before + 2)
  })

  it('in production a write answers its success status with the committed data stripped, and logs an error', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const before = await count()
    const res = await testClient(app, { env, strictResponses: false, contract: false }).fetch('/entries', {
      method: 'POST',
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toEqual({ id: expect.any(Number), done: 0, lines: [{ sku: 'A-1' }] })
    expect(JSON.stringify(body)).not.toContain('hunter2')
    expect(await count()).toBe(before + 1)
    expect(log).toHaveBeenCalledOnce()
    expect(String(log.mock.calls[0]![0])).toMatch(/"level":"error".*does not match its schema/)
    log.mockRestore()
  })

  it('a read, which changed nothing, stays a 500 problem', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await testClient(app, { env, strictResponses: false, contract: false }).fetch('/entries')
    expect(res.status).toBe(500)
    expect(await res.text()).not.toContain('hunter2')
    log.mockRestore()
  })
})
