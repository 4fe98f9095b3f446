import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, type Guard, get, guard, router } from '../../../src/core'
import { paramReaders } from '../../../src/core/kernel/param-readers'

describe('the params readers check comes with guard() given params', () => {
  it('refuses a guard given params by hand, which brought no check, rather than letting it go unchecked', () => {
    // As in an isolate where no guard() or provide() was given params (the suite's setup already made some).
    const check = paramReaders.check
    delete paramReaders.check
    const byHand: Guard = Object.assign(() => undefined, {
      meta: { name: 'byHand', params: v.object({ id: v.string() }) },
    })
    expect(() =>
      createApp({ handlers: [router({ path: '/x/:id', guards: [byHand], handlers: [get('/', () => 1)] })] }),
    ).toThrow('Route GET /x/:id: guard byHand reads params but was not made by guard()')
    paramReaders.check = check
  })

  it('checks once guard() was given params', () => {
    const reads = guard({ name: 'reads', params: v.object({ id: v.string() }) }, () => undefined)
    expect(() =>
      createApp({ handlers: [router({ path: '/x/:id', guards: [reads], handlers: [get('/', () => 1)] })] }),
    ).toThrow(/Route GET \/x\/:id: guard reads reads the path parameter "id", which the route does not validate/)
  })
})
