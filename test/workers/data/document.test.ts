import { describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'

type Json = Record<string, unknown>
const paths = document.paths as unknown as Record<string, Record<string, Json>>
const schemas = document.components.schemas as unknown as Record<string, Json>
const statuses = (path: string, method: string) => Object.keys(paths[path]![method]!.responses as Json)

describe('the users and posts operations in the OpenAPI document', () => {
  it('lists the errors each write can answer with', () => {
    for (const method of ['put', 'patch'])
      expect(statuses('/users/{id}', method)).toEqual(expect.arrayContaining(['404', '409', '412']))
    expect(statuses('/users/{id}', 'delete')).toEqual(expect.arrayContaining(['204', '404', '412']))
    expect(statuses('/users', 'post')).toEqual(expect.arrayContaining(['201', '400', '409']))
    expect(statuses('/posts', 'post')).toEqual(expect.arrayContaining(['201', '422']))
    expect(statuses('/users/{id}/posts', 'post')).toEqual(expect.arrayContaining(['201', '404']))
  })

  it('documents conditional requests: ETag, 304, If-None-Match and If-Match', () => {
    const read = paths['/users/{id}']!.get!
    expect(statuses('/users/{id}', 'get')).toEqual(expect.arrayContaining(['200', '304', '404']))
    expect(((read.responses as Json)['200'] as Json).headers).toHaveProperty('ETag')
    const header = (op: Json) => (op.parameters as Json[]).filter((p) => p.in === 'header').map((p) => p.name)
    expect(header(read)).toEqual(['If-None-Match'])
    // Writes a session cookie may make also take its CSRF token header.
    for (const method of ['put', 'patch', 'delete'])
      expect(header(paths['/users/{id}']![method]!).filter((h) => h !== 'X-CSRF-Token')).toEqual(['If-Match'])
  })

  it('names every DTO and gives each an example', () => {
    for (const name of [
      'UserRead',
      'UserCreate',
      'UserReplace',
      'UserPatch',
      'UserPage',
      'PostRead',
      'PostCreate',
      'PostText',
      'PostPatch',
      'PostPage',
    ]) {
      // A DTO whose fields normalise (the users' name and email) is documented as its `…Input` twin.
      const schema = schemas[name] ?? schemas[`${name}Input`]
      expect(schema, name).toBeDefined()
      expect((schema!.examples as unknown[] | undefined)?.length, name).toBeGreaterThan(0)
    }
  })

  it('bounds per_page at 100 and page at 1 in the list parameters', () => {
    const params = paths['/users']!.get!.parameters as { name: string; schema: Json }[]
    expect(params.find((p) => p.name === 'per_page')!.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 })
    expect(params.find((p) => p.name === 'page')!.schema).toMatchObject({ minimum: 1, default: 1 })
  })
})
