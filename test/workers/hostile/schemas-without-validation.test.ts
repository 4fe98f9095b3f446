import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, type HandlerSpec, post, router } from '../../../src/core'
import { testClient } from '../../../src/core/testing'

const ok = () => ({ ok: true })
const Query = v.object({ q: v.pipe(v.string(), v.maxLength(3)) })

// An app without validation() must never run a route whose schema it would not check: every way a schema can reach
// a spec refuses to build, and the routes it does build answer bad path encodings with a 400 problem, never a 500.
describe('schemas smuggled into an app without validation()', () => {
  it('refuses a schema inherited through the prototype, on a null-prototype spec, or under a re-cased key', () => {
    const inherited = Object.create({ query: Query }) as HandlerSpec
    const bare = Object.assign(Object.create(null), { body: Query }) as HandlerSpec
    expect(() => createApp({ handlers: [get('/a', inherited, ok)] })).toThrow(
      'Route GET /a sets the option "query", which no registered plugin owns',
    )
    expect(() => createApp({ handlers: [post('/b', bare, ok)] })).toThrow(
      'Route POST /b sets the option "body", which no registered plugin owns',
    )
    expect(() => createApp({ handlers: [get('/c', { Query } as object, ok)] })).toThrow(
      'Route GET /c sets the option "Query", which no registered plugin owns',
    )
  })

  it('refuses params given deep in the tree, naming the outermost router that set them', () => {
    const inner = router({ path: '/:b', params: v.object({ b: v.string() }), handlers: [get('/x', ok)] })
    const outer = router({ path: '/:a', handlers: [router({ path: '/mid', handlers: [inner] })] })
    expect(() => createApp({ handlers: [outer] })).toThrow(
      'Route GET /:a/mid/:b/x sets the option "params" (on the router at /:a/mid/:b)',
    )
  })

  it('answers malformed, overlong and odd encodings of a schema-less path parameter with a 400 problem', async () => {
    const client = testClient(createApp({ handlers: [get('/n/:name', ({ params }) => params)] }), { env })
    for (const raw of ['%', '%E0%A4%A', '%FF', '%C0%AF', `${'%E2%82%AC'.repeat(2000)}%`]) {
      const res = await client.fetch(`/n/${raw}`)
      expect(res.status, raw.slice(0, 20)).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(((await res.json()) as { errors: { name: string }[] }).errors[0]!.name).toBe('name')
    }
    const long = await client.fetch(`/n/${'%E2%82%AC'.repeat(2000)}`)
    expect([long.status, ((await long.json()) as { name: string }).name.length]).toEqual([200, 2000])
    // An encoded slash stays inside the one parameter, decoded once (a %25 is not decoded twice).
    const slashed = await client.fetch('/n/a%2Fb%252F')
    expect(await slashed.json()).toEqual({ name: 'a/b%2F' })
  })
})
