import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, dependency, get, guard, middleware, provide, validation, withCleanup } from '../../../src/core'
import { testClient } from '../../../src/core/testing'

afterEach(() => vi.restoreAllMocks())

/** Dependencies that record when they are made and released. */
const tracked = () => {
  const log: string[] = []
  const First = dependency<{ name: string }>('first')
  const Second = dependency<{ name: string }>('second')
  const make = (name: string) => {
    log.push(`make ${name}`)
    return withCleanup({ name }, (value) => void log.push(`dispose ${value.name}`))
  }
  const providers = [
    provide(First, () => make('first')),
    provide(Second, { inject: { first: First } }, async () => make('second')),
  ]
  return { log, First, Second, providers }
}

describe('dependencies with cleanup', () => {
  it('hands the handler the value and disposes it exactly once, after the response, newest first', async () => {
    const { log, First, Second, providers } = tracked()
    const h = get('/both', { inject: { first: First, second: Second }, response: v.array(v.string()) }, ({ deps }) => {
      log.push('handler')
      return [deps.first.name, deps.second.name]
    })
    const client = testClient(createApp({ plugins: [validation()], dependencies: providers, handlers: [h] }), { env })
    expect(await (await client.fetch('/both')).json()).toEqual(['first', 'second'])
    expect(log).toEqual(['make first', 'make second', 'handler', 'dispose second', 'dispose first'])
    await client.fetch('/both')
    expect(log.filter((l) => l === 'dispose first')).toHaveLength(2)
  })

  it('disposes after the handler throws, and the error is still the answer', async () => {
    const { log, First, providers } = tracked()
    const h = get('/boom', { inject: { first: First } }, () => {
      throw new Error('handler failed')
    })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const client = testClient(createApp({ plugins: [validation()], dependencies: providers, handlers: [h] }), { env })
    expect((await client.fetch('/boom')).status).toBe(500)
    expect(log).toEqual(['make first', 'dispose first'])
  })

  it('disposes what a guard resolved when the guard refuses the request', async () => {
    const { log, First, providers } = tracked()
    const refuse = guard({ inject: { first: First } }, () => {
      throw new Error('no')
    })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = createApp({
      plugins: [validation()],
      dependencies: providers,
      guards: [refuse],
      handlers: [get('/g', () => 'never')],
    })
    expect((await testClient(app, { env }).fetch('/g')).status).toBe(500)
    expect(log).toEqual(['make first', 'dispose first'])
  })

  it("runs a 'before' disposer ahead of the response and an 'after' one behind it", async () => {
    const order: string[] = []
    const Tx = dependency<string>('tx')
    const Log = dependency<string>('log')
    const app = createApp({
      plugins: [validation()],
      dependencies: [
        provide(Tx, () => withCleanup('tx', () => void order.push('commit'), { timing: 'before' })),
        provide(Log, () => withCleanup('log', () => void order.push('flush'))),
      ],
      middleware: [
        middleware({ name: 'spy' }, async (_ctx, next) => {
          const response = await next()
          order.push('response')
          return response
        }),
      ],
      handlers: [get('/tx', { inject: { tx: Tx, log: Log } }, () => 'ok')],
    })
    // Without the client's settling: the 'after' disposer must wait for waitUntil, the 'before' one must not.
    const pending: Promise<unknown>[] = []
    const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {}, props: {} }
    const response = await app.fetch(new Request('https://x.test/tx'), env, ctx as unknown as ExecutionContext)
    expect(response.status).toBe(200)
    expect(order).toEqual(['response', 'commit'])
    await Promise.all(pending)
    expect(order).toEqual(['response', 'commit', 'flush'])
  })

  it('keeps disposing when one disposer throws, and logs it', async () => {
    const released: string[] = []
    const A = dependency<string>('a')
    const B = dependency<string>('b')
    const lines: string[] = []
    vi.spyOn(console, 'error').mockImplementation((l: string) => void lines.push(l))
    const app = createApp({
      plugins: [validation()],
      dependencies: [
        provide(A, () => withCleanup('a', () => void released.push('a'))),
        provide(B, () =>
          withCleanup('b', () => {
            throw new Error('close failed')
          }),
        ),
      ],
      handlers: [get('/ab', { inject: { a: A, b: B } }, () => 'ok')],
    })
    expect((await testClient(app, { env }).fetch('/ab')).status).toBe(200)
    expect(released).toEqual(['a'])
    expect(lines.join('\n')).toContain('close failed')
  })

  it('an override with a cleanup is disposed like the provider it replaces', async () => {
    const { log, First, providers } = tracked()
    const h = get('/o', { inject: { first: First }, response: v.string() }, ({ deps }) => deps.first.name)
    const client = testClient(createApp({ plugins: [validation()], dependencies: providers, handlers: [h] }), {
      env,
      overrides: [provide(First, () => withCleanup({ name: 'fake' }, () => void log.push('dispose fake')))],
    })
    expect(await (await client.fetch('/o')).json()).toBe('fake')
    expect(log).toEqual(['dispose fake'])
  })
})
