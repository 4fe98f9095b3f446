import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, patch, post, router, validation } from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'

const User = v.pipe(
  v.object({ id: v.number(), name: v.string(), createdAt: v.optional(v.string(), 'now') }),
  v.title('User'),
)
const Page = v.pipe(v.object({ items: v.array(User), total: v.number() }), v.title('UserPage'))
const listUsers = get(
  '/',
  { query: v.object({ page: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) }), response: Page },
  () => ({ items: [], total: 0 }),
)
const getUser = get(
  '/:id',
  { params: v.object({ id: v.pipe(v.number(), v.integer()) }), response: User, errors: [404] },
  () => ({ id: 1, name: 'a' }),
)
const createUser = post('/', { body: User, response: User, summary: 'Create a user' }, ({ body }) => body)
const upload = post('/upload', { bodyType: 'form', body: v.object({ file: v.file() }) }, () => undefined)
const hidden = router({ includeInSchema: false, handlers: [patch('/hidden', () => undefined)] })
const app = createApp({
  plugins: [validation()],
  handlers: [router({ path: '/users', tags: ['users'], handlers: [listUsers, getUser, createUser, upload, hidden] })],
})

type Op = {
  operationId: string
  parameters?: { name: string; in: string; required: boolean; schema: unknown }[]
  requestBody?: { content: Record<string, { schema: unknown }> }
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>
}
const doc = generateDocument(app, { title: 'T', version: '1' }) as {
  paths: Record<string, Record<string, Op>>
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> }
  tags: { name: string }[]
}

describe('the generated OpenAPI document', () => {
  it('gives every operation a unique, stable operationId', () => {
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId))
    expect(ids).toEqual(['getUsers', 'postUsers', 'getUsersById', 'postUsersUpload'])
  })

  it('describes parameters with their schemas, required unless optional', () => {
    const list = doc.paths['/users']!.get!
    expect(list.parameters).toEqual([
      { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
    ])
    expect(doc.paths['/users/{id}']!.get!.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
    ])
  })

  it('references named schemas and never duplicates them, with an Input twin where shapes differ', () => {
    expect(doc.paths['/users']!.get!.responses['200']!.content!['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/UserPage',
    })
    expect(doc.components.schemas.UserPage).toMatchObject({
      properties: { items: { items: { $ref: '#/components/schemas/User' } } },
    })
    // createdAt has a default: optional going in, always present coming out.
    expect(doc.components.schemas.User).toMatchObject({ required: ['id', 'name', 'createdAt'] })
    expect(doc.components.schemas.UserInput).toMatchObject({ required: ['id', 'name'] })
    expect(doc.paths['/users']!.post!.requestBody!.content['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/UserInput',
    })
    const whole = JSON.stringify(doc)
    expect(whole.match(/"title":"User"/g)).toHaveLength(2) // User and UserInput, both in components only
    expect(JSON.stringify(doc.paths)).not.toContain('"title"')
  })

  it('documents every error response through shared problem components', () => {
    const get = doc.paths['/users/{id}']!.get!.responses
    expect(Object.keys(get)).toEqual(['200', '400', '404', '500'])
    expect(get['404']).toEqual({ $ref: '#/components/responses/NotFound' })
    expect(Object.keys(doc.paths['/users']!.post!.responses)).toEqual(['201', '400', '413', '415', '500'])
    expect(doc.components.responses.ValidationFailed).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ValidationProblem' } } },
    })
  })

  it('documents multipart uploads with binary parts', () => {
    const body = doc.paths['/users/upload']!.post!.requestBody!
    expect(Object.keys(body.content)).toEqual(['multipart/form-data'])
    expect(body.content['multipart/form-data']!.schema).toMatchObject({
      properties: { file: { type: 'string', format: 'binary' } },
    })
  })

  it('leaves out what a layer excludes, and lists the tags', () => {
    expect(doc.paths['/users/hidden']).toBeUndefined()
    expect(doc.tags).toEqual([{ name: 'users' }])
  })
})
