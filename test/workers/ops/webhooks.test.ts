import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, post } from '../../../src/core'
import { emit, event, events, webhook } from '../../../src/core/events'
import { generateDocument } from '../../../src/core/openapi'

const Signup = event<{ id: number; email: string }>('signup')
// What the partner is sent: the id only (the schema's output), never the email the event carries.
const SignupHook = v.pipe(v.object({ id: v.number() }), v.title('SignupHook'))

/** A real receiver, in process: records what it is sent and answers with the status it is told to. */
function receiver() {
  const got: { type: string | null; body: unknown }[] = []
  let status = 204
  const app = createApp({
    handlers: [
      post('/hooks/signup', { body: SignupHook, status: 204 }, async ({ body, request }) => {
        got.push({ type: request.headers.get('content-type'), body })
        return new Response(null, { status })
      }),
    ],
  })
  return {
    got,
    answer: (s: number) => {
      status = s
    },
    fetch: (r: Request) => app.fetch(r, env, createExecutionContext()),
  }
}

const senderApp = (partner: ReturnType<typeof receiver>, url: string | undefined) =>
  createApp({
    plugins: [
      events({
        listeners: [
          webhook(Signup, {
            name: 'signupHook',
            description: 'Tells the partner a user signed up',
            body: SignupHook,
            url: () => url,
            fetcher: () => partner,
          }),
        ],
        queue: (env) => env.EVENTS,
        consume: { queue: 'edge-api-events', deadLetter: false },
      }),
    ],
    handlers: [
      post('/signup', (ctx) => {
        emit(ctx, Signup, { id: 9, email: 'q@r.test' })
        return { ok: true }
      }),
    ],
  })
const delivery = (id: string) =>
  createMessageBatch('edge-api-events', [
    {
      id,
      timestamp: new Date(),
      attempts: 1,
      body: { event: 'signup', listener: 'signupHook', payload: { id: 9, email: 'q@r.test' }, requestId: 'ray-w' },
    },
  ])
afterEach(() => vi.restoreAllMocks())

describe('outbound webhooks from the event catalog', () => {
  it("POSTs the event's payload through its schema as JSON to the receiver, acknowledged on a 2xx", async () => {
    const partner = receiver()
    const app = senderApp(partner, 'https://partner.test/hooks/signup')
    const batch = delivery('w1')
    const ctx = createExecutionContext()
    await app.queue(batch, env, ctx)
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['w1'])
    expect(partner.got).toEqual([{ type: 'application/json', body: { id: 9 } }])
  })

  it('retries a delivery the receiver did not accept', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const partner = receiver()
    partner.answer(503)
    const app = senderApp(partner, 'https://partner.test/hooks/signup')
    const batch = delivery('w2')
    const ctx = createExecutionContext()
    await app.queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks).toEqual([])
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['w2'])
  })

  it("fails closed without the receiver's URL: requests get 503 before anything is emitted", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = senderApp(receiver(), undefined)
    const response = await app.fetch(
      new Request('https://api.test/signup', { method: 'POST' }),
      env,
      createExecutionContext(),
    )
    expect(response.status).toBe(503)
  })

  it("lists each webhook in the document's webhooks: its body schema and the receiver's expected answer", () => {
    const doc = generateDocument(senderApp(receiver(), 'https://partner.test/h'), { title: 't', version: '1' }) as {
      webhooks?: Record<string, Record<string, unknown>>
      components: { schemas: Record<string, unknown> }
    }
    expect(doc.webhooks).toEqual({
      signupHook: {
        post: {
          operationId: 'signupHookWebhook',
          summary: 'Sent after each `signup` event',
          description: 'Tells the partner a user signed up',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/SignupHook' } } },
          },
          responses: { '2XX': { description: 'Received: any other answer counts as a failed delivery' } },
          security: [],
        },
      },
    })
    expect(doc.components.schemas.SignupHook).toEqual({
      type: 'object',
      properties: { id: { type: 'number' } },
      required: ['id'],
      title: 'SignupHook',
    })
  })
})
