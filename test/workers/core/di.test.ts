import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, dependency, get, guard, provide, router, validation } from '../../../src/core'
import { testClient } from '../../../src/core/testing'

describe('dependency injection', () => {
  it('resolves a dependency at most once per request, shared by guards, providers and the handler', async () => {
    let made = 0
    const Counter = dependency<{ n: number }>('counter')
    const Derived = dependency<number>('derived')
    const check = guard({ inject: { counter: Counter } }, ({ deps: { counter } }) => {
      counter.n += 1
    })
    const h = get('/once', { inject: { counter: Counter, derived: Derived } }, ({ deps: { counter, derived } }) => ({
      n: counter.n,
      derived,
      made,
    }))
    const app = createApp({
      plugins: [validation()],
      dependencies: [
        provide(Counter, () => {
          made += 1
          return { n: 0 }
        }),
        provide(Derived, { inject: { counter: Counter } }, ({ deps: { counter } }) => counter.n * 10),
      ],
      guards: [check],
      handlers: [h],
    })
    expect(await (await testClient(app, { env }).fetch('/once')).json()).toEqual({ n: 1, derived: 10, made: 1 })
    expect(await (await testClient(app, { env }).fetch('/once')).json()).toEqual({ n: 1, derived: 10, made: 2 })
  })

  it('resolves lazily: a provider nobody injects is never called', async () => {
    let called = false
    const Unused = dependency<string>('unused')
    const app = createApp({
      plugins: [validation()],
      dependencies: [
        provide(Unused, () => {
          called = true
          return 'x'
        }),
      ],
      handlers: [get('/lazy', () => ({ ok: true }))],
    })
    expect((await testClient(app, { env }).fetch('/lazy')).status).toBe(200)
    expect(called).toBe(false)
  })

  it('lets an inner layer override an outer provider by key', async () => {
    const Greeting = dependency<string>('greeting')
    const h = get('/hi', { inject: { greeting: Greeting }, response: v.string() }, ({ deps: { greeting } }) => greeting)
    const app = createApp({
      plugins: [validation()],
      dependencies: [provide(Greeting, () => 'outer')],
      handlers: [h, router({ path: '/inner', dependencies: [provide(Greeting, () => 'inner')], handlers: [h] })],
    })
    expect(await (await testClient(app, { env }).fetch('/hi')).json()).toBe('outer')
    expect(await (await testClient(app, { env }).fetch('/inner/hi')).json()).toBe('inner')
  })

  it('refuses to build an app whose route needs a dependency no layer provides, naming both', () => {
    const Missing = dependency<string>('missingThing')
    const h = get('/needs', { inject: { thing: Missing } }, ({ deps: { thing } }) => thing)
    expect(() => createApp({ plugins: [validation()], handlers: [router({ path: '/api', handlers: [h] })] })).toThrow(
      'Route GET /api/needs needs dependency "missingThing", but no enclosing layer provides it',
    )
  })

  it('refuses a provider whose own dependency is missing, and dependency cycles', () => {
    const A = dependency<string>('a')
    const B = dependency<string>('b')
    const h = get('/x', { inject: { a: A } }, ({ deps: { a } }) => a)
    expect(() =>
      createApp({
        plugins: [validation()],
        dependencies: [provide(A, { inject: { b: B } }, ({ deps: { b } }) => b)],
        handlers: [h],
      }),
    ).toThrow('Route GET /x needs dependency "b" (needed by "a"), but no enclosing layer provides it')
    expect(() =>
      createApp({
        plugins: [validation()],
        dependencies: [
          provide(A, { inject: { b: B } }, ({ deps: { b } }) => b),
          provide(B, { inject: { a: A } }, ({ deps: { a } }) => a),
        ],
        handlers: [h],
      }),
    ).toThrow('dependency cycle a -> b -> a')
  })

  it('checks the dependencies guards declare too', () => {
    const User = dependency<string>('user')
    const needsUser = guard({ inject: { user: User } }, () => {})
    expect(() => createApp({ plugins: [validation()], guards: [needsUser], handlers: [get('/x', () => 'x')] })).toThrow(
      'needs dependency "user"',
    )
  })
})
