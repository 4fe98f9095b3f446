import fc from 'fast-check'
import { IttyRouter } from 'itty-router'
import { describe, expect, it } from 'vitest'
import { Matcher, matchSegments, simpleSegments } from '../../../src/core/kernel/match'

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

  it('keeps a parameter named __proto__ as a parameter (its pattern goes to itty-router)', () => {
    const proto = new Matcher<string>()
    proto.add('GET', '/p/:__proto__', 'proto')
    const params = proto.match('GET', '/p/x')?.params
    expect(Object.keys(params ?? {})).toEqual(['__proto__'])
    expect(Object.getOwnPropertyDescriptor(params, '__proto__')?.value).toBe('x')
  })

  it('matches by method, and lists the methods a path allows', () => {
    expect(m.match('POST', '/users/7')).toBeUndefined()
    expect(m.allowed('/users/7').sort()).toEqual(['DELETE', 'GET'])
    expect(m.allowed('/users/7/nothing/here/at/all')).toEqual([])
  })

  it('never lets a static path fall through to a parameter route: the static route owns its methods', () => {
    const s = new Matcher<string>()
    s.add('GET', '/posts/live', 'live')
    s.add('GET', '/posts/:id', 'get')
    s.add('DELETE', '/posts/:id', 'delete')
    s.add('PATCH', '/posts/:id', 'patch')
    expect(s.match('GET', '/posts/live')?.route).toBe('live')
    expect(s.match('GET', '/posts/live/')?.route).toBe('live')
    for (const method of ['DELETE', 'PATCH', 'POST']) {
      expect(s.match(method, '/posts/live')).toBeUndefined()
      expect(s.match(method, '/posts/live//')).toBeUndefined()
    }
    expect(s.allowed('/posts/live')).toEqual(['GET'])
    expect(s.allowed('/posts/live/')).toEqual(['GET'])
    // Another spelling of the segment is not the static path: it is an id, for the parameter route to validate.
    expect(s.match('DELETE', '/posts/Live')?.route).toBe('delete')
    expect(s.match('DELETE', '/posts/7')?.route).toBe('delete')
    expect(s.allowed('/posts/7').sort()).toEqual(['DELETE', 'GET', 'PATCH'])
  })
})

describe("plain patterns: segments matched without a regex, exactly as itty-router's regex matches", () => {
  const patterns = ['/r0/item0/:id', '/users/:id/posts/:postId', '/:id', '/a-b_c/:p_1', '/x//:y/', '/users/:id']
  const ittyMatch = (pattern: string, path: string) => {
    const itty = IttyRouter()
    itty.all(pattern, () => undefined)
    const m = itty.routes.at(-1)![1].exec(path)
    return m ? { ...m.groups } : undefined
  }
  const ours = (pattern: string, path: string) => {
    const params = matchSegments(simpleSegments(pattern)!, path)
    return params ? { ...params } : undefined
  }

  it('agrees with itty-router on chosen paths: trailing slashes, empty segments, prefixes, encodings', () => {
    const paths = [
      '/',
      '//',
      '/users',
      '/users/',
      '/users/7',
      '/users/7/',
      '/users/7//',
      '/users//7',
      '/users/7/x',
      '/usersx/7',
      '/user/7',
      '/users/a%2Fb',
      '/users/7/posts/9',
      '/users/7/posts/',
      '/r0/item0/42',
      '/r0/item0',
      '/x/1',
      '/x//1',
      '/a-b_c/q',
      '/A-b_c/q',
      '/users/%2e%2e',
      '/users/7?x',
      '/users/:id',
    ]
    for (const pattern of patterns)
      for (const path of paths) expect(ours(pattern, path), `${pattern} ${path}`).toEqual(ittyMatch(pattern, path))
  })

  it('agrees with itty-router on generated paths', () => {
    const segment = fc.oneof(fc.constantFrom('users', 'posts', 'x', 'r0', 'item0', 'a-b_c', '7', ''), fc.webSegment())
    const path = fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`)
    fc.assert(
      fc.property(fc.constantFrom(...patterns), path, (pattern, p) => {
        expect(ours(pattern, p)).toEqual(ittyMatch(pattern, p))
      }),
      { numRuns: 2000 },
    )
  })

  it('leaves every other pattern to itty-router', () => {
    for (const path of [
      '/a.b/:x',
      '/files/:key+',
      '/x/*',
      '/a/:id.json',
      '/a/:id?',
      '/(x)/:y',
      '/a/:id-x',
      '/a/:__proto__',
    ])
      expect(simpleSegments(path), path).toBeUndefined()
  })
})
