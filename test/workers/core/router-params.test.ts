import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, dependency, forbidden, get, router, validation, withParams } from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'
import { testClient } from '../../../src/core/testing'

const Id = v.pipe(v.number(), v.safeInteger(), v.minValue(1))
const PostParams = v.object({ postId: Id })
const onPost = withParams(PostParams)

describe('path params declared once on a router', () => {
  it('validates the router params once, merged with the handler’s own, before guards, providers and handler', async () => {
    const seen: unknown[] = []
    const Post = dependency<number>('post')
    const onlyOdd = onPost.guard({ errors: [403] }, ({ params }) => {
      seen.push(['guard', params.postId])
      if (params.postId % 2 === 0) forbidden('even posts are closed')
    })
    const item = onPost.get('/:id', { params: v.object({ id: Id }), inject: { post: Post } }, ({ params, deps }) => ({
      postId: params.postId,
      id: params.id,
      post: deps.post,
    }))
    const list = onPost.get('/', ({ params }) => ({ postId: params.postId }))
    const app = createApp({
      plugins: [validation()],
      handlers: [
        onPost.router({
          path: '/posts/:postId/comments',
          guards: [onlyOdd],
          dependencies: [onPost.provide(Post, ({ params }) => params.postId * 10)],
          handlers: [list, item],
        }),
      ],
    })
    const client = testClient(app, { env })
    expect(await (await client.fetch('/posts/%33/comments/01')).json()).toEqual({ postId: 3, id: 1, post: 30 })
    expect(await (await client.fetch('/posts/3/comments')).json()).toEqual({ postId: 3 })
    expect((await client.fetch('/posts/4/comments')).status).toBe(403)
    // Other spellings of an id: refused before any guard, or decoded to the one number.
    for (const spelling of ['99999999999999999999', '1.5', '-1', '0x1', '%2531', '%', '%201'])
      expect((await client.fetch(`/posts/${spelling}/comments`)).status, spelling).toBe(400)
    const bad = await client.fetch('/posts/x/comments/1')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('postId')
    // The guard saw numbers, never the raw segments; the refused `x` never reached it.
    expect(seen).toEqual([
      ['guard', 3],
      ['guard', 3],
      ['guard', 4],
    ])
  })

  it('makes a plain router validate its params for a handler that declares none', async () => {
    const plain = get('/', (ctx) => ({ params: ctx.params }))
    const app = createApp({
      plugins: [validation()],
      handlers: [router({ path: '/posts/:postId', params: PostParams, handlers: [plain] })],
    })
    const client = testClient(app, { env })
    expect(await (await client.fetch('/posts/7')).json()).toEqual({ params: { postId: 7 } })
    expect((await client.fetch('/posts/0')).status).toBe(400)
  })

  it('documents the merged params as the handler’s own did', () => {
    const item = onPost.get('/:id', { params: v.object({ id: Id }) }, () => null)
    const app = createApp({
      plugins: [validation()],
      handlers: [onPost.router({ path: '/posts/:postId/c', handlers: [item] })],
    })
    const doc = generateDocument(app, { title: 't', version: '1' }) as {
      paths: Record<string, { get: { parameters: { name: string; in: string }[] } }>
    }
    const params = doc.paths['/posts/{postId}/c/{id}']!.get.parameters.filter((p) => p.in === 'path')
    expect(params.map((p) => p.name)).toEqual(['postId', 'id'])
  })

  it('refuses to build a guard reading params its route does not validate', () => {
    const reads = onPost.guard({ name: 'readsPost' }, () => undefined)
    expect(() =>
      createApp({
        plugins: [validation()],
        handlers: [router({ path: '/x/:postId', guards: [reads], handlers: [get('/', () => 1)] })],
      }),
    ).toThrow(
      /Route GET \/x\/:postId: guard readsPost reads the path parameter "postId", which the route does not validate/,
    )
    // Validated, but by another schema than the one the guard is typed with.
    const other = get('/', { params: v.object({ postId: v.string() }) }, () => 1)
    expect(() =>
      createApp({
        plugins: [validation()],
        handlers: [router({ path: '/y/:postId', guards: [reads], handlers: [other] })],
      }),
    ).toThrow(/validates with another schema/)
  })

  it('refuses to build a provider reading params its route does not validate', () => {
    const Post = dependency<number>('post')
    const h = get('/', { inject: { post: Post } }, ({ deps }) => deps.post)
    expect(() =>
      createApp({
        plugins: [validation()],
        handlers: [
          router({ path: '/z', dependencies: [onPost.provide(Post, ({ params }) => params.postId)], handlers: [h] }),
        ],
      }),
    ).toThrow(/Route GET \/z: the provider of "post" reads the path parameter "postId"/)
  })

  it('refuses router params the path does not have', () => {
    expect(() =>
      createApp({
        plugins: [validation()],
        handlers: [onPost.router({ path: '/posts/:id', handlers: [get('/', () => 1)] })],
      }),
    ).toThrow(/Route GET \/posts\/:id declares the path parameter "postId", which its path lacks/)
  })
})
