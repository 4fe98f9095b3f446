import { beforeAll, describe, expect, it } from 'vitest'
import budget from './budget.json'
import { type Measured, measureRoundTrips } from './measure'
import { nameOf, scenarios } from './scenarios'

const budgets = budget as Record<string, Record<string, number>>
let table: Record<string, Measured> = {}

describe('round trips to storage, per route', () => {
  // Some sixty requests plus the sign-ups and uploads they act on: longer than one test's default on a busy machine.
  beforeAll(async () => {
    table = await measureRoundTrips(scenarios)
  }, 120_000)

  it('answers every measured request with a success', async () => {
    const failed = Object.entries(table).filter(([, m]) => m.status >= 300 && m.status !== 101)
    expect(failed).toEqual([])
  })

  it('stays within the committed budget on every route (test/workers/round-trips/budget.json)', async ({ task }) => {
    const rows = table
    // The bench reads the table from here (vitest's JSON report) to publish it.
    task.meta.roundTrips = Object.fromEntries(Object.entries(rows).map(([name, m]) => [name, m.calls]))
    const over: string[] = []
    for (const scenario of scenarios) {
      const name = nameOf(scenario)
      const calls = rows[name]?.calls ?? {}
      const allowed = budgets[name]
      if (!allowed) {
        over.push(`${name}: no budget (measured ${JSON.stringify(calls)})`)
        continue
      }
      for (const [binding, n] of Object.entries(calls))
        if (n > (allowed[binding] ?? 0)) over.push(`${name}: ${binding} ${n} > ${allowed[binding] ?? 0}`)
    }
    expect(over, `measured:\n${JSON.stringify(task.meta.roundTrips, null, 2)}`).toEqual([])
  })

  it('reads the account and a post without the D1 primary, and patches a post in one primary call', async () => {
    const rows = table
    expect(rows['GET /auth/me bearer']?.calls['DB:primary'] ?? 0).toBe(0)
    expect(rows['GET /posts/{id} anonymous']?.calls['DB:primary'] ?? 0).toBe(0)
    expect(rows['GET /posts/{id} bearer']?.calls['DB:primary'] ?? 0).toBe(0)
    expect(rows['PATCH /posts/{id} bearer']?.calls['DB:primary']).toBe(1)
  })

  it('logs in, refreshes and changes a password in as few primary calls as their checks allow', async () => {
    const primary = (name: string) => table[name]?.calls['DB:primary']
    // Login: the password read on the primary, then the new family and its credential version in one batch.
    expect(primary('POST /auth/login anonymous')).toBe(2)
    // Refresh: the conditional rotation and the credential version in one batch.
    expect(primary('POST /auth/refresh anonymous')).toBe(1)
    // Password change: the current password's read, then the new hash, every credential's end and this client's
    // new family in one batch.
    expect(primary('POST /auth/password bearer')).toBe(2)
  })

  it('commits a write, its version bump and its events outbox row in one primary call before the response', async () => {
    for (const name of ['POST /users anonymous', 'POST /posts bearer', 'POST /users/{id}/posts bearer']) {
      const calls = table[name]?.calls ?? {}
      // The outbox row is deleted once its queue message was sent: after the response, in waitUntil.
      expect({ name, before: calls['DB:primary'], after: calls['DB:primary:after'] }).toEqual({
        name,
        before: 1,
        after: 1,
      })
    }
  })

  it('answers a cached public GET without D1', async () => {
    const rows = table
    for (const name of ['GET /users/{id} anonymous (cached)', 'GET /users anonymous (cached)']) {
      const calls = rows[name]?.calls ?? {}
      expect({ name, d1: (calls['DB:primary'] ?? 0) + (calls['DB:replica'] ?? 0) }).toEqual({ name, d1: 0 })
    }
  })
})

declare module 'vitest' {
  interface TaskMeta {
    /** The measured calls per row, for the bench's table. */
    roundTrips?: Record<string, Record<string, number>>
  }
}
