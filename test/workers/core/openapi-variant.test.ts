import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, validation } from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'

const Cat = v.pipe(v.object({ kind: v.literal('cat'), lives: v.number() }), v.title('Cat'))
const Dog = v.pipe(v.object({ kind: v.literal('dog'), good: v.boolean() }), v.title('Dog'))

const responseOf = (response: v.GenericSchema) => {
  const app = createApp({
    plugins: [validation()],
    handlers: [get('/pet', { response }, () => ({ kind: 'cat', lives: 9 }))],
  })
  const doc = generateDocument(app, { title: 't', version: '1' }) as {
    paths: { '/pet': { get: { responses: { 200: { content: { 'application/json': { schema: unknown } } } } } } }
  }
  return doc.paths['/pet'].get.responses[200].content['application/json'].schema
}

describe('a variant becomes oneOf with a discriminator', () => {
  it('maps each value of the key to its named schema', () => {
    expect(responseOf(v.variant('kind', [Cat, Dog]))).toEqual({
      oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
      discriminator: {
        propertyName: 'kind',
        mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' },
      },
    })
  })

  it('leaves inline alternatives a plain oneOf, which no discriminator could select by name', () => {
    const inline = v.variant('kind', [v.object({ kind: v.literal('a') }), v.object({ kind: v.literal('b') })])
    expect(responseOf(inline)).not.toHaveProperty('discriminator')
  })
})
