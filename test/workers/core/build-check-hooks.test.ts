import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, dependency, type Guard, get, guard, provide, router } from '../../../src/core'
import { injection } from '../../../src/core/kernel/injection'
import { paramsCheck } from '../../../src/core/kernel/params-check'

describe('the params readers check comes with guard() given params', () => {
  it('refuses a guard given params by hand, which brought no check, rather than letting it go unchecked', () => {
    // As in an isolate where no guard() or provide() was given params (the suite's setup already made some).
    const check = paramsCheck.readers
    delete paramsCheck.readers
    const byHand: Guard = Object.assign(() => undefined, {
      meta: { name: 'byHand', params: v.object({ id: v.string() }) },
    })
    try {
      expect(() =>
        createApp({ handlers: [router({ path: '/x/:id', guards: [byHand], handlers: [get('/', () => 1)] })] }),
      ).toThrow('Route GET /x/:id: guard byHand reads params but was not made by guard()')
    } finally {
      paramsCheck.readers = check
    }
  })

  it('checks once guard() was given params', () => {
    const reads = guard({ name: 'reads', params: v.object({ id: v.string() }) }, () => undefined)
    expect(() =>
      createApp({ handlers: [router({ path: '/x/:id', guards: [reads], handlers: [get('/', () => 1)] })] }),
    ).toThrow(/Route GET \/x\/:id: guard reads reads the path parameter "id", which the route does not validate/)
  })
})

describe('the providers check comes with provide()', () => {
  it('without any provider made, refuses a route injecting a key no layer provides, as the whole check does', () => {
    const Db = dependency<number>('db')
    const route = get('/x', { inject: { db: Db } }, () => 1)
    // As in an isolate where provide() was never called (the suite's setup already made providers).
    const check = injection.check
    delete injection.check
    try {
      expect(() => createApp({ handlers: [route] })).toThrow(
        'Route GET /x needs dependency "db", but no enclosing layer provides it',
      )
    } finally {
      injection.check = check
    }
    expect(() => createApp({ handlers: [route] })).toThrow(
      'Route GET /x needs dependency "db", but no enclosing layer provides it',
    )
  })

  it('with providers, follows their own injections and names the chain', () => {
    const A = dependency<number>('a')
    const B = dependency<number>('b')
    const route = get('/x', { inject: { a: A } }, () => 1)
    const a = provide(A, { inject: { b: B } }, ({ deps }) => deps.b)
    expect(() => createApp({ dependencies: [a], handlers: [route] })).toThrow(
      'Route GET /x needs dependency "b" (needed by "a"), but no enclosing layer provides it',
    )
  })
})
