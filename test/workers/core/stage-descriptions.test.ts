import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, get, type Plugin } from '../../../src/core'
import { generateDocument, type StageDescription } from '../../../src/core/openapi'
import { testClient } from '../../../src/core/testing'

const info = { title: 'quota', version: '1' }

/** A third-party plugin: its stage says, as facts, what the document needs; its description lives apart. */
const quota = (limit: number): Plugin => ({
  name: 'quota',
  stages: () => [
    {
      name: 'quota',
      at: 'client',
      run: async (_ctx, next) => {
        const response = await next()
        response.headers.set('x-quota', String(limit))
        return response
      },
      describe: { limit } satisfies QuotaFacts,
    },
    // A stage without facts changes nothing the document says, and needs no description.
    { name: 'quota(log)', at: 'handler', run: (_ctx, next) => next() },
  ],
})
interface QuotaFacts {
  readonly limit: number
}
const quotaDescription: StageDescription<QuotaFacts> = {
  stages: ['quota'],
  describe(operation, { limit }, route) {
    operation['x-quota'] = { limit, status: route.status }
    const success = (operation.responses as Record<string, Record<string, unknown>>)[String(route.status)]!
    success.headers = { 'X-Quota': { description: 'The quota', schema: { type: 'string' } } }
  },
}

const app = createApp({ plugins: [quota(5)], handlers: [get('/things', () => ({ ok: true }))] })

describe("a plugin's stage in the document", () => {
  it('is written by the description the generator is given, from the facts the stage carries', () => {
    const document = generateDocument(app, info, { stageDescriptions: [quotaDescription] })
    const operation = (document.paths as Record<string, Record<string, Record<string, unknown>>>)['/things']!.get!
    expect(operation['x-quota']).toEqual({ limit: 5, status: 200 })
  })

  it('stops a generator that lacks its description, naming the route and the stage, rather than leave it out', () => {
    expect(() => generateDocument(app, info)).toThrow(
      'Route GET /things: the stage "quota" has no description, so the document would leave out what it does',
    )
    // The test kit generates its contract the same way, so a test cannot pass against an incomplete document.
    expect(() => testClient(app, { env })).toThrow('the stage "quota" has no description')
  })

  it('checks responses against the document the description completes', async () => {
    const contract = generateDocument(app, info, { stageDescriptions: [quotaDescription] })
    const res = await testClient(app, { env, contract }).fetch('/things')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-quota')).toBe('5')
  })

  it('refuses two descriptions of one stage, a core one included', () => {
    expect(() => generateDocument(app, info, { stageDescriptions: [quotaDescription, quotaDescription] })).toThrow(
      'The stage "quota" has two descriptions',
    )
    const shadow = { ...quotaDescription, stages: ['responseCache'] }
    expect(() => generateDocument(app, info, { stageDescriptions: [quotaDescription, shadow] })).toThrow(
      'The stage "responseCache" has two descriptions',
    )
  })
})
