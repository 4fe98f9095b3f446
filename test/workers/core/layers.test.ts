import { describe, expect, it } from 'vitest'
import { dependency, type Guard, provide } from '../../../src/core'
import { mergeLayers } from '../../../src/core/layers'

const g1: Guard = () => {}
const g2: Guard = () => {}
const Key = dependency<string>('key')

describe('mergeLayers: one table of rules', () => {
  it('joins paths outer to inner, normalising slashes', () => {
    expect(mergeLayers({ path: '/api/' }, { path: '/users' }).path).toBe('/api/users')
    expect(mergeLayers({ path: '/api' }, { path: '/' }).path).toBe('/api')
    expect(mergeLayers({}, {}).path).toBe('/')
  })

  it('concatenates guards, middleware and rate limits outer first', () => {
    const merged = mergeLayers(
      { guards: [g1], rateLimit: [{ limit: 1, window: 60, key: 'ip' }] },
      { guards: [g2], rateLimit: [{ limit: 2, window: 60, key: 'ip' }] },
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

  it('unites tags', () => {
    expect(mergeLayers({ tags: ['a', 'b'] }, { tags: ['b', 'c'] }).tags).toEqual(['a', 'b', 'c'])
  })

  it('takes the nearest security, cache, body limit and schema inclusion; [] is a real value', () => {
    const merged = mergeLayers(
      { security: [{ bearerAuth: [] }], cache: { ttl: 60 }, bodyLimit: 10, includeInSchema: false },
      { security: [], bodyLimit: 20 },
    )
    expect(merged.security).toEqual([])
    expect(merged.cache).toEqual({ ttl: 60 })
    expect(merged.bodyLimit).toBe(20)
    expect(merged.includeInSchema).toBe(false)
  })
})
