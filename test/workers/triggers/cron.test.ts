import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, dependency, get, provide, withCleanup } from '../../../src/core'
import { requestIdOf } from '../../../src/core/middleware/index'
import { cron, cronsOf } from '../../../src/core/triggers'

afterEach(() => vi.restoreAllMocks())

const Greeting = dependency<string>('greeting')
const ping = get('/ping', () => 'pong')
const tick = (cronExpression: string) => createScheduledController({ cron: cronExpression, scheduledTime: 1_000 })
const lines = () => {
  const out: Record<string, unknown>[] = []
  const keep = (l: string) => void out.push(JSON.parse(l))
  vi.spyOn(console, 'log').mockImplementation(keep)
  vi.spyOn(console, 'error').mockImplementation(keep)
  return out
}

describe('cron jobs', () => {
  it('runs the job declared for the cron, with the app layer’s dependencies, and logs the run with its id', async () => {
    const log = lines()
    const seen: unknown[] = []
    const job = cron('0 3 * * *', { name: 'nightly', inject: { greeting: Greeting } }, (ctx) => {
      seen.push({ greeting: ctx.deps.greeting, cron: ctx.cron, at: ctx.scheduledTime.getTime(), runId: ctx.runId })
    })
    const other = cron('*/5 * * * *', { name: 'often' }, () => {
      seen.push('often')
    })
    const app = createApp({
      dependencies: [provide(Greeting, () => 'hello')],
      handlers: [ping],
      triggers: [job, other],
    })
    const ctx = createExecutionContext()
    await app.scheduled(tick('0 3 * * *'), env, ctx)
    await waitOnExecutionContext(ctx)
    expect(seen).toEqual([{ greeting: 'hello', cron: '0 3 * * *', at: 1_000, runId: expect.any(String) }])
    const runId = (seen[0] as { runId: string }).runId
    expect(log).toContainEqual(expect.objectContaining({ level: 'info', msg: 'job done', job: 'nightly', runId }))
  })

  it('gives a job its own providers, over the app layer’s, and a run id that requestIdOf reads', async () => {
    const Run = dependency<string | undefined>('run')
    let got: unknown
    const job = cron(
      '0 * * * *',
      {
        name: 'own',
        inject: { greeting: Greeting, run: Run },
        dependencies: [provide(Greeting, () => 'job'), provide(Run, (ctx) => requestIdOf(ctx))],
      },
      ({ deps, runId }) => {
        got = { ...deps, same: deps.run === runId }
      },
    )
    lines()
    const app = createApp({ dependencies: [provide(Greeting, () => 'app')], handlers: [ping], triggers: [job] })
    await app.scheduled(tick('0 * * * *'), env, createExecutionContext())
    expect(got).toEqual({ greeting: 'job', run: expect.any(String), same: true })
  })

  it('reports a failing job to the app’s onError, marks the run failed, and still disposes its dependencies', async () => {
    lines()
    const released: string[] = []
    const reported: { error: string; requestId: string | undefined; path: string }[] = []
    const job = cron('0 3 * * *', { name: 'broken', inject: { greeting: Greeting } }, () => {
      throw new Error('disk full')
    })
    const app = createApp({
      dependencies: [provide(Greeting, () => withCleanup('x', () => void released.push('x')))],
      handlers: [ping],
      triggers: [job],
      onError: (e, ctx) =>
        void reported.push({ error: (e as Error).message, requestId: requestIdOf(ctx), path: ctx.path }),
    })
    const ctx = createExecutionContext()
    await expect(app.scheduled(tick('0 3 * * *'), env, ctx)).rejects.toThrow('disk full')
    await waitOnExecutionContext(ctx)
    expect(reported).toEqual([{ error: 'disk full', requestId: expect.any(String), path: '/scheduled/broken' }])
    expect(released).toEqual(['x'])
  })

  it('refuses a cron no job is declared for', async () => {
    const app = createApp({ handlers: [ping], triggers: [cron('0 3 * * *', { name: 'n' }, () => {})] })
    await expect(app.scheduled(tick('0 4 * * *'), env, createExecutionContext())).rejects.toThrow(
      'No job is declared for cron "0 4 * * *"',
    )
  })

  it('checks jobs when the app is built: a missing provider, a duplicate name, a malformed expression', () => {
    const needs = cron('0 3 * * *', { name: 'needy', inject: { greeting: Greeting } }, () => {})
    expect(() => createApp({ handlers: [ping], triggers: [needs] })).toThrow('Job "needy" needs dependency "greeting"')
    const twice = cron('0 4 * * *', { name: 'needy' }, () => {})
    expect(() =>
      createApp({ dependencies: [provide(Greeting, () => '')], handlers: [ping], triggers: [needs, twice] }),
    ).toThrow('Job "needy" is declared twice')
    for (const bad of ['0 3 * *', '0 3 * * * *', '0 3 * * ;', '', '0  3 * * *'])
      expect(() => cron(bad, { name: 'bad' }, () => {}), bad).toThrow('is not a cron expression')
    expect(cronsOf([needs, twice, cron('0 3 * * *', { name: 'again' }, () => {})])).toEqual(['0 3 * * *', '0 4 * * *'])
  })
})
