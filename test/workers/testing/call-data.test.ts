import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, notFound, validation } from '../../../src/core'
import { testClient } from '../../../src/core/testing'

const item = get(
  '/items/:id',
  { params: v.object({ id: v.number() }), response: v.object({ id: v.number() }), errors: [404] },
  ({ params }) => (params.id === 1 ? { id: 1 } : notFound(`Item ${params.id} not found`)),
)
const client = testClient(createApp({ plugins: [validation()], handlers: [item] }), { env })

describe("a typed call's data", () => {
  it('is the body of a 2xx answer, typed without a guard', async () => {
    const { data } = await client.call(item, { params: { id: 1 } })
    expect(data.id).toBe(1)
  })

  it('throws on any other answer, naming the route, status and problem', async () => {
    const missing = await client.call(item, { params: { id: 2 } })
    expect(missing.status).toBe(404)
    expect(missing.problem?.detail).toBe('Item 2 not found')
    expect(() => missing.data).toThrow('GET /items/:id answered 404: Not Found (Item 2 not found); it has no data')
  })
})
