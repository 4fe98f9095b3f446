import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AccountStore, Accounts } from '../../../src/app/account-deletion/account-store'
import { accountDeletion } from '../../../src/app/account-deletion/workflow'
import { dependency, provide, withCleanup } from '../../../src/core'
import { requestIdOf } from '../../../src/core/middleware/index'
import { apiClient, signUp } from '../kit'

const api = apiClient()
const approve = { approve: { approvedBy: 'ops' } }
afterEach(() => vi.restoreAllMocks())

interface Probe {
  readonly n: number
}
const Probe = dependency<Probe>('probe')

/**
 * Overrides that record every store made and released: each store injects a probe (made first, so released last),
 * both with a disposer; the store's `revokeCredentials` throws on its first call when `failRevokeOnce` is set.
 */
function recorded(failRevokeOnce: boolean) {
  const log: string[] = []
  let made = 0
  let revokes = 0
  const overrides = [
    provide(Probe, () => {
      const probe = { n: ++made }
      log.push(`make probe ${probe.n}`)
      return withCleanup(probe, (p) => void log.push(`dispose probe ${p.n}`))
    }),
    provide(Accounts, { inject: { probe: Probe } }, ({ env, deps: { probe } }) => {
      const store = new AccountStore(env.DB, env.FILES)
      const revoke = store.revokeCredentials.bind(store)
      store.revokeCredentials = async (userId) => {
        log.push(`revoke with ${probe.n}`)
        if (failRevokeOnce && ++revokes === 1) throw new Error('D1 is busy')
        await revoke(userId)
      }
      log.push(`make store ${probe.n}`)
      return withCleanup(store, () => void log.push(`dispose store ${probe.n}`), { timing: 'after' })
    }),
  ]
  return { log, overrides }
}

describe('dependencies of workflow steps', { timeout: 60_000 }, () => {
  it('runs each disposer exactly once per step attempt, newest first, also when the step throws', async () => {
    const { user } = await signUp(api)
    const { log, overrides } = recorded(true)
    const client = apiClient({ overrides })
    const { status, steps } = await (
      await client.workflow(accountDeletion, { userId: user.id }, { events: approve })
    ).done()
    expect(status).toBe('complete')
    expect(steps['revoke credentials']?.runs).toBe(2)
    // Five attempts (export, revoke twice, delete, confirm): each made its own values and released both, before
    // the next attempt made anything. The failed attempt's cleanup ran before its retry.
    const attempt = (n: number, ...work: string[]) => [
      `make probe ${n}`,
      `make store ${n}`,
      ...work,
      `dispose store ${n}`,
      `dispose probe ${n}`,
    ]
    expect(log).toEqual([
      ...attempt(1),
      ...attempt(2, 'revoke with 2'),
      ...attempt(3, 'revoke with 3'),
      ...attempt(4),
      ...attempt(5),
    ])
  })

  it('completes a step that threw once on its retry, with fresh dependencies', async () => {
    const { user } = await signUp(api)
    const { log, overrides } = recorded(true)
    const client = apiClient({ overrides })
    const run = await client.workflow(accountDeletion, { userId: user.id }, { events: approve })
    const { status, steps } = await run.done()
    expect(status).toBe('complete')
    expect(steps['revoke credentials']).toEqual({ runs: 2, result: undefined })
    // The retry used a store made for it, not the one whose attempt failed.
    expect(log.filter((l) => l.startsWith('revoke'))).toEqual(['revoke with 2', 'revoke with 3'])
    expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?').bind(user.id).first()).toBeNull()
  })

  it('gives the steps the overrides of the client that drives the instance, and the app its own providers', async () => {
    const { user } = await signUp(api)
    const exported: number[] = []
    const store = new AccountStore(env.DB, env.FILES)
    store.exportAccount = async (userId) => {
      exported.push(userId)
      return { bytes: 42 }
    }
    const client = apiClient({ overrides: [provide(Accounts, () => store)] })
    const { status, output } = await (
      await client.workflow(accountDeletion, { userId: user.id }, { events: approve })
    ).done()
    expect(status).toBe('complete')
    expect(output).toMatchObject({ userId: user.id, exportBytes: 42 })
    expect(exported).toEqual([user.id])
    expect(await env.FILES.head(output!.exportKey)).toBeNull()
    // Another client, without the override, runs the app's own store: the export is written.
    const { user: other } = await signUp(api)
    const plain = await (await api.workflow(accountDeletion, { userId: other.id }, { events: approve })).done()
    expect(plain.output?.exportBytes).not.toBe(42)
    expect(await env.FILES.head(plain.output!.exportKey)).not.toBeNull()
  })

  it('runs each attempt with the instance id as its run id, in providers and in its log line', async () => {
    const { user } = await signUp(api)
    const lines: Record<string, unknown>[] = []
    const keep = (line: unknown) => {
      if (typeof line === 'string' && line.startsWith('{')) lines.push(JSON.parse(line))
    }
    vi.spyOn(console, 'log').mockImplementation(keep)
    vi.spyOn(console, 'error').mockImplementation(keep)
    const seen: (string | undefined)[] = []
    const overrides = [
      provide(Accounts, (ctx) => {
        seen.push(requestIdOf(ctx))
        return new AccountStore(ctx.env.DB, ctx.env.FILES)
      }),
    ]
    const run = await apiClient({ overrides }).workflow(
      accountDeletion,
      { userId: user.id },
      { events: approve, failSteps: { confirm: 1 } },
    )
    expect((await run.done()).status).toBe('complete')
    expect(seen).toEqual([run.id, run.id, run.id, run.id])
    const steps = lines.filter((l) => l.msg === 'step done')
    expect(steps.map((l) => [l.step, l.attempt])).toEqual([
      ['export', 1],
      ['revoke credentials', 1],
      ['delete rows', 1],
      ['confirm', 2],
    ])
    expect(steps.every((l) => l.instanceId === run.id && l.workflow === 'account-deletion')).toBe(true)
  })

  it('makes no dependency for an instance whose params fail validation: it errors before any step', async () => {
    let made = 0
    const overrides = [
      provide(Accounts, (ctx) => {
        made++
        return new AccountStore(ctx.env.DB, ctx.env.FILES)
      }),
    ]
    for (const params of [
      { userId: '1 OR 1=1' },
      { userId: '1' },
      { userId: -1 },
      { userId: 1.5 },
      { userId: 2 ** 53 },
      {},
      null,
    ]) {
      const run = await apiClient({ overrides }).workflow(accountDeletion, params as never)
      const { status, error, steps } = await run.done()
      expect(status, JSON.stringify(params)).toBe('errored')
      expect(error?.message).toContain('account-deletion: invalid params')
      expect(steps).toEqual({})
    }
    expect(made).toBe(0)
  })
})
