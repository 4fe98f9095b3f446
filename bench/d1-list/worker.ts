import { D1ListEndpoint, fromIttyRouter } from 'chanfana'
import { Router } from 'itty-router'
import * as v from 'valibot'
import { z } from 'zod'
import { createApp, get, validation } from '../../src/core'
import { cursorPageOf, defineModel, dto, listEndpoint, Repository } from '../../src/core/data'

// Ours: the core's declared list endpoint, a filter and a signed keyset cursor, on the generic Repository.
const Post = defineModel({
  table: 'posts',
  fields: {
    id: v.pipe(v.number(), v.integer()),
    authorId: v.pipe(v.number(), v.integer(), v.minValue(1)),
    title: v.string(),
    createdAt: v.string(),
  },
  generated: ['id'],
})
const list = listEndpoint(Post, { filter: { authorId: ['eq'] }, sort: { fields: ['id'] }, page: 'cursor' })
const ours = createApp({
  plugins: [validation()],
  handlers: [
    get(
      '/ours/posts',
      { query: list.query, response: cursorPageOf('PostPage', dto('Post', Post.fields)) },
      ({ query, env }) =>
        list.run(new Repository(env.DB, Post), query, {
          secret: (env as unknown as { CURSOR_SECRET: string }).CURSOR_SECRET,
        }),
    ),
  ],
})

// chanfana: its D1 list endpoint over the same table, filtering the same column.
class ListPosts extends D1ListEndpoint {
  override _meta = {
    model: {
      tableName: 'posts',
      primaryKeys: ['id'],
      schema: z.object({
        id: z.number().int(),
        author_id: z.number().int(),
        title: z.string(),
        created_at: z.string(),
      }),
    },
  }
  override filterFields = ['author_id']
  override orderByFields = ['id']
  override defaultOrderBy = 'id'
}
const router = Router()
const openapi = fromIttyRouter(router, { schema: { info: { title: 'Bench', version: '1.0.0' } } })
openapi.get('/chanfana/posts', ListPosts)

/** Dispatches by prefix: `/ours/...` to this project, `/chanfana/...` to chanfana. */
export default {
  fetch: (request: Request, env: Cloudflare.Env, ctx: ExecutionContext) =>
    new URL(request.url).pathname.startsWith('/chanfana/')
      ? router.fetch(request, env, ctx)
      : ours.fetch(request, env, ctx),
}
