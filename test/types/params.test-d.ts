import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { createApp, dependency, get, guard, provide, withEnv, withParams } from '../../src/core'
import { testClient } from '../../src/core/testing'

// Path params declared once for a router: handlers, guards and providers made by its factory see them typed,
// from the factory they were made with, never from the routers they end up under.
const Id = v.pipe(v.number(), v.integer())
const onPost = withParams(v.object({ postId: Id }))
const Post = dependency<{ id: number }>('post')

describe('withParams', () => {
  it('types a handler’s params as the factory’s merged with its own', () => {
    const item = onPost.get('/:id', { params: v.object({ id: v.string() }) }, ({ params }) => {
      expectTypeOf(params).toEqualTypeOf<{ postId: number; id: string }>()
      // @ts-expect-error no such path parameter
      params.commentId
      return null
    })
    onPost.post('/', { body: v.object({ text: v.string() }) }, ({ params, body }) => {
      expectTypeOf(params.postId).toEqualTypeOf<number>()
      expectTypeOf(body.text).toBeString()
    })
    onPost.del('/', ({ params }) => {
      expectTypeOf(params).toEqualTypeOf<{ postId: number }>()
      // @ts-expect-error postId is a number, not a string
      params.postId.toUpperCase()
    })
    // The testing kit's call is typed from the merged spec too.
    const client = testClient(createApp({ handlers: [item] }), { env: {} as Cloudflare.Env })
    client.call(item, { params: { postId: 1, id: 'a' } })
    // @ts-expect-error postId is required by the factory's params
    client.call(item, { params: { id: 'a' } })
  })

  it('types guards and providers', () => {
    onPost.guard({ inject: { post: Post } }, ({ params, deps }) => {
      expectTypeOf(params.postId).toEqualTypeOf<number>()
      expectTypeOf(deps.post.id).toEqualTypeOf<number>()
      // @ts-expect-error not a declared path parameter
      params.id
    })
    onPost.provide(Post, ({ params }) => ({ id: params.postId }))
    // @ts-expect-error the provider must make the key's type from the number
    onPost.provide(Post, ({ params }) => ({ id: String(params.postId) }))
    guard({ params: v.object({ slug: v.string() }) }, ({ params }) => {
      expectTypeOf(params.slug).toBeString()
    })
    provide(Post, { params: v.object({ postId: Id }) }, ({ params }) => ({ id: params.postId }))
  })

  it('leaves guards and providers without params as they were: params unknown', () => {
    guard({}, ({ params }) => {
      expectTypeOf(params).toBeUnknown()
    })
    get('/plain/:x', ({ params }) => expectTypeOf(params).toEqualTypeOf<Readonly<Record<string, string>>>())
  })

  it('binds to the app Env as well', () => {
    interface Env {
      DB: D1Database
    }
    withEnv<Env>()
      .withParams(v.object({ postId: Id }))
      .get('/', ({ params, env }) => {
        expectTypeOf(params.postId).toEqualTypeOf<number>()
        expectTypeOf(env).toEqualTypeOf<Env>()
      })
  })
})
