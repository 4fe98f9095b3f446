import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, dependency, get, provide, withCleanup } from '../../../src/core'
import { testClient } from '../../../src/core/testing'
import { consumer, cron } from '../../../src/core/triggers'

afterEach(() => vi.restoreAllMocks())

const Mailer = dependency<{ send(to: string): string }>('mailer')
const quiet = () => {
  vi.spyOn(console, 'log').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation(() => {})
}

describe('the testing kit drives triggers', () => {
  const sent: string[] = []
  const digest = cron('0 8 * * 1', { name: 'digest', inject: { mailer: Mailer } }, ({ deps }) => {
    sent.push(deps.mailer.send('weekly'))
  })
  const mail = consumer(
    {
      name: 'mail',
      queue: 'mail',
      message: v.object({ to: v.pipe(v.string(), v.email()) }),
      inject: { mailer: Mailer },
      deadLetter: false,
    },
    ({ to }, { deps }) => {
      if (to.startsWith('flaky')) throw new Error('smtp down')
      sent.push(deps.mailer.send(to))
    },
  )
  const app = createApp({
    dependencies: [provide(Mailer, () => ({ send: (to: string) => `real:${to}` }))],
    handlers: [get('/ping', () => 'pong')],
    triggers: [digest, mail],
  })

  it('client.scheduled runs the cron’s jobs with the client’s overrides, and waits for their cleanups', async () => {
    quiet()
    sent.length = 0
    const released: string[] = []
    const fake = provide(Mailer, () =>
      withCleanup({ send: (to: string) => `fake:${to}` }, () => void released.push('mailer')),
    )
    await testClient(app, { env, overrides: [fake] }).scheduled('0 8 * * 1')
    expect(sent).toEqual(['fake:weekly'])
    expect(released).toEqual(['mailer'])
    await testClient(app, { env }).scheduled('0 8 * * 1')
    expect(sent).toEqual(['fake:weekly', 'real:weekly'])
    await expect(testClient(app, { env }).scheduled('0 9 * * *')).rejects.toThrow('No job is declared')
  })

  it('client.queue reports what was acknowledged and what was retried, with its delay', async () => {
    quiet()
    sent.length = 0
    const client = testClient(app, {
      env,
      overrides: [provide(Mailer, () => ({ send: (to: string) => `fake:${to}` }))],
    })
    const outcome = await client.queue('mail', [
      { id: 'a', body: { to: 'ada@example.com' } },
      { id: 'b', body: { to: 'flaky@example.com' }, attempts: 2 },
      { id: 'c', body: { to: 'not an address' } },
    ])
    expect(outcome.acked.slice().sort()).toEqual(['a', 'c'])
    expect(outcome.retried).toEqual([{ id: 'b', delaySeconds: 4 }])
    expect(sent).toEqual(['fake:ada@example.com'])
  })
})
