import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dependency, type Guard, provide } from '../../../src/core'
import { KERNEL_RULES, type LayerConfig, MERGE_RULES, mergeLayers, mergeUnder } from '../../../src/core/kernel/layers'

const g1: Guard = () => {}
const g2: Guard = () => {}
const Key = dependency<string>('key')
// The kernel's rules and the first-party plugins' (rateLimit: concat, cache: nearest), as createApp builds them.
const rules = { ...KERNEL_RULES, rateLimit: MERGE_RULES.concat, cache: MERGE_RULES.nearest }

describe('mergeLayers: one table of rules', () => {
  it('joins paths outer to inner, normalising slashes', () => {
    expect(mergeLayers({ path: '/api/' }, { path: '/users' }).path).toBe('/api/users')
    expect(mergeLayers({ path: '/api' }, { path: '/' }).path).toBe('/api')
    expect(mergeLayers({}, {}).path).toBe('/')
  })

  it('joins any two paths into segments separated by one slash, with no slash at the end', () => {
    const path = fc.stringMatching(/^[/a-z:]{0,12}$/)
    fc.assert(
      fc.property(path, path, (a, b) => {
        const segments = `${a}/${b}`.split('/').filter(Boolean)
        expect(mergeLayers({ path: a }, { path: b }).path).toBe(`/${segments.join('/')}`)
      }),
      { numRuns: 2000 },
    )
  })

  it('concatenates guards, middleware and rate limits outer first', () => {
    const merged = mergeLayers(
      { guards: [g1], rateLimit: [{ limit: 1, window: 60, key: 'ip' }] },
      { guards: [g2], rateLimit: [{ limit: 2, window: 60, key: 'ip' }] },
      rules,
    )
    expect(merged.guards).toEqual([g1, g2])
    expect(merged.rateLimit?.map((p) => p.limit)).toEqual([1, 2])
  })

  it('merges dependencies, exception handlers and response headers by key, inner winning', () => {
    const outer = provide(Key, () => 'outer')
    const inner = provide(Key, () => 'inner')
    const h1 = () => new Response('1')
    const h2 = () => new Response('2')
    const merged = mergeLayers(
      { dependencies: [outer], exceptionHandlers: [[404, h1]], responseHeaders: { 'x-a': '1', 'x-b': '1' } },
      { dependencies: [inner], exceptionHandlers: [[404, h2]], responseHeaders: { 'x-b': '2' } },
    )
    expect(merged.dependencies).toEqual([inner])
    expect(merged.exceptionHandlers).toEqual([[404, h2]])
    expect(merged.responseHeaders).toEqual({ 'x-a': '1', 'x-b': '2' })
  })

  it('drops what no rule owns: an option with no owner never reaches a route', () => {
    const merged = mergeLayers({ cache: { ttl: 60 } }, { rateLimit: [{ limit: 1, window: 60, key: 'ip' }] })
    expect(merged).not.toHaveProperty('cache')
    expect(merged).not.toHaveProperty('rateLimit')
  })

  it('unites tags', () => {
    expect(mergeLayers({ tags: ['a', 'b'] }, { tags: ['b', 'c'] }).tags).toEqual(['a', 'b', 'c'])
  })

  it('takes the nearest security, cache, body limit and schema inclusion; [] is a real value', () => {
    const merged = mergeLayers(
      { security: [{ bearerAuth: [] }], cache: { ttl: 60 }, bodyLimit: 10, includeInSchema: false },
      { security: [], bodyLimit: 20 },
      rules,
    )
    expect(merged.security).toEqual([])
    expect(merged.cache).toEqual({ ttl: 60 })
    expect(merged.bodyLimit).toBe(20)
    expect(merged.includeInSchema).toBe(false)
  })
})

describe('mergeUnder: mergeLayers for an already merged outer layer, touching only what the inner layer names', () => {
  const h = () => new Response('h')
  const layer: fc.Arbitrary<LayerConfig> = fc.record(
    {
      path: fc.constantFrom('', '/', '/a', 'b/', '//c//', '/:id'),
      guards: fc.subarray([g1, g2, g1]),
      tags: fc.subarray(['a', 'b', 'a', 'c']),
      dependencies: fc.subarray([
        provide(Key, () => '1'),
        provide(dependency('other'), () => 2),
        provide(Key, () => '3'),
      ]),
      exceptionHandlers: fc.subarray([[404, h] as const, [500, h] as const, [404, h] as const]),
      responseHeaders: fc.dictionary(fc.constantFrom('x-a', 'x-b'), fc.string()),
      opt: fc.dictionary(fc.constantFrom('a', 'b'), fc.integer()),
      security: fc.constantFrom([], [{ bearer: [] }]),
      cache: fc.constantFrom(false as const, { ttl: 60 }),
      bodyLimit: fc.integer({ min: 1 }),
      includeInSchema: fc.boolean(),
      rateLimit: fc.subarray([{ limit: 1, window: 60, key: 'ip' as const }]),
    },
    { requiredKeys: [] },
  )

  it('gives what folding mergeLayers over every layer gives', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 5 }), ([app, ...rest]) => {
        let full = mergeLayers({}, app!, rules)
        let fast = full
        for (const inner of rest) {
          full = mergeLayers(full, inner, rules)
          fast = mergeUnder(fast, inner, undefined, rules)
        }
        expect(fast).toEqual(full)
      }),
      { numRuns: 1000 },
    )
  })

  it("joins a handler's own path, ignores options no rule knows, and leaves the outer layer alone", () => {
    const outer = mergeLayers({}, { path: '/api', tags: ['a'] })
    const merged = mergeUnder(outer, { tags: ['b'], query: 'not a layer option', path: '/ignored' }, '/users/')
    expect(merged).toEqual(mergeLayers(outer, { tags: ['b'], path: '/users/' }))
    expect(merged).toMatchObject({ path: '/api/users', tags: ['a', 'b'] })
    expect(outer).toMatchObject({ path: '/api', tags: ['a'] })
    expect(merged).not.toHaveProperty('query')
  })
})
