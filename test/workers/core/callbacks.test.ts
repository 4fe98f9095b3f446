import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, post, validation } from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'

const Job = v.pipe(v.object({ id: v.string(), state: v.picklist(['done', 'failed']) }), v.title('JobResult'))
const startJob = (expression: string, name = 'jobFinished') =>
  post(
    '/jobs',
    {
      body: v.object({ callbackUrl: v.pipe(v.string(), v.url()) }),
      response: v.object({ id: v.string() }),
      callbacks: {
        [name]: {
          expression,
          summary: 'The job finished',
          body: Job,
          responses: { 204: { description: 'Received' } },
        },
      },
    },
    () => ({ id: 'j1' }),
  )

type Doc = {
  paths: Record<string, { post: { callbacks?: Record<string, Record<string, Record<string, unknown>>> } }>
  components: { schemas: Record<string, unknown> }
}

describe('callbacks a route declares', () => {
  it("become the operation's callbacks: expression, method, body schema and the receiver's responses", () => {
    const doc = generateDocument(
      createApp({ plugins: [validation()], handlers: [startJob('{$request.body#/callbackUrl}')] }),
      {
        title: 't',
        version: '1',
      },
    ) as Doc
    expect(doc.paths['/jobs']?.post.callbacks).toEqual({
      jobFinished: {
        '{$request.body#/callbackUrl}': {
          post: {
            summary: 'The job finished',
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/JobResult' } } },
            },
            responses: { 204: { description: 'Received' } },
            security: [],
          },
        },
      },
    })
    expect(doc.components.schemas.JobResult).toBeDefined()
  })

  it('refuses, where the document is generated, an expression that is neither a URL nor runtime expressions, and a name that is no token', () => {
    const generate = (expression: string, name?: string) => () =>
      generateDocument(createApp({ plugins: [validation()], handlers: [startJob(expression, name)] }), {
        title: 't',
        version: '1',
      })
    for (const bad of ['{$request.body.callbackUrl}', '{$request.body#/url', 'not a url', '{$env.HOOK}']) {
      // Callbacks only shape the document: the app builds, and its Worker carries none of the check.
      expect(() => createApp({ plugins: [validation()], handlers: [startJob(bad)] }), bad).not.toThrow()
      expect(generate(bad), bad).toThrow(
        /Route POST \/jobs declares the callback "jobFinished" at .*, which is neither a URL nor a runtime expression/,
      )
    }
    expect(generate('https://hooks.example/{$request.query.id}')).not.toThrow()
    expect(generate('{$request.body#/callbackUrl}', 'job finished')).toThrow(/callback name is letters, digits/)
  })
})
