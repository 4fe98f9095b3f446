import { IttyRouter } from 'itty-router'
import { describe, expect, it } from 'vitest'
import { Matcher, simplePattern } from '../../../src/core/match'

describe('Matcher: prefix and method buckets over itty-router regexes', () => {
  const m = new Matcher<string>()
  m.add('GET', '/', 'root')
  m.add('GET', '/users', 'list')
  m.add('GET', '/users/:id', 'get')
  m.add('DELETE', '/users/:id', 'delete')
  m.add('GET', '/users/:id/posts/:postId', 'post')
  m.add('GET', '/:slug', 'slug')
  m.add('GET', '/files/*', 'files')

  it('finds static paths, tolerating a trailing slash', () => {
    expect(m.match('GET', '/')?.route).toBe('root')
    expect(m.match('GET', '/users')?.route).toBe('list')
    expect(m.match('GET', '/users/')?.route).toBe('list')
  })

  it('finds dynamic paths with their raw parameters', () => {
    expect(m.match('GET', '/users/7')).toEqual({ route: 'get', params: { id: '7' } })
    expect(m.match('GET', '/users/7/posts/9')?.params).toEqual({ id: '7', postId: '9' })
    expect(m.match('DELETE', '/users/a%20b')?.params).toEqual({ id: 'a%20b' })
  })

  it('falls back to routes whose first segment is a parameter, and supports wildcards', () => {
    expect(m.match('GET', '/about')).toEqual({ route: 'slug', params: { slug: 'about' } })
    expect(m.match('GET', '/files/a/b/c')?.route).toBe('files')
  })

  it('matches by method, and lists the methods a path allows', () => {
    expect(m.match('POST', '/users/7')).toBeUndefined()
    expect(m.allowed('/users/7').sort()).toEqual(['DELETE', 'GET'])
    expect(m.allowed('/users/7/nothing/here/at/all')).toEqual([])
  })
})

describe("simplePattern: itty-router's regex, written without a router per route", () => {
  it('writes exactly the regex itty-router compiles for plain segments and whole-segment params', () => {
    const itty = IttyRouter()
    for (const path of ['/r0/item0/:id', '/users/:id/posts/:postId', '/:id', '/a-b_c/:p_1', '/x//:y/']) {
      itty.all(path, () => undefined)
      expect(simplePattern(path)?.source, path).toBe(itty.routes.at(-1)![1].source)
    }
  })

  it('leaves every other pattern to itty-router', () => {
    for (const path of ['/a.b/:x', '/files/:key+', '/x/*', '/a/:id.json', '/a/:id?', '/(x)/:y'])
      expect(simplePattern(path), path).toBeUndefined()
  })
})
