import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

/** Runs SQL against the dev server's local D1 (its own state directory) and returns the rows. */
const d1 = (server: DevServer, sql: string): Record<string, unknown>[] => {
  const out = execFileSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', server.state, '--json', '--command', sql],
    { stdio: 'pipe', env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' } },
  ).toString()
  return (JSON.parse(out) as { results: Record<string, unknown>[] }[])[0]?.results ?? []
}

describe('the nightly purge under wrangler dev --test-scheduled', () => {
  let server: DevServer
  beforeAll(async () => {
    server = await startDevServer({ args: ['--test-scheduled'] })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('runs on /__scheduled?cron=… and deletes the expired session it finds, keeping the live one', async () => {
    const now = Date.now()
    const old = now - 24 * 60 * 60 * 1000
    d1(
      server,
      `INSERT INTO sessions (id, subject, created_at, seen_at) VALUES ('dev-expired', '1', ${old}, ${old}), ('dev-live', '1', ${now}, ${now})`,
    )
    const res = await fetch(`${server.url}/__scheduled?cron=${encodeURIComponent('0 3 * * *')}`)
    expect(res.status, await res.text()).toBe(200)
    const ids = d1(server, "SELECT id FROM sessions WHERE id LIKE 'dev-%' ORDER BY id").map((r) => r.id)
    expect(ids).toEqual(['dev-live'])
    expect(server.output()).toContain('purge-expired')
  })

  it('answers a cron no job is declared for as a failed run', async () => {
    const res = await fetch(`${server.url}/__scheduled?cron=${encodeURIComponent('1 1 * * *')}`)
    expect(res.status).toBe(500)
  })
})
