import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, post, validation } from '../../../src/core'
import { emit, event, events, webhook } from '../../../src/core/events'
import { generateDocument } from '../../../src/core/openapi'

const Signup = event<{ id: number; email: string }>('signup')
// What the partner is sent: the id only (the schema's output), never the email the event carries.
const SignupHook = v.pipe(v.object({ id: v.number() }), v.title('SignupHook'))

/** A real receiver, in process: records what it is sent and answers with the status it is told to. */
function receiver() {
  const got: { type: string | null; body: unknown; headers: Headers; raw: string }[] = []
  let status = 204
  const app = createApp({
    plugins: [validation()],
    handlers: [
      post('/hooks/signup', { body: SignupHook, status: 204 }, async ({ body, request }) => {
        got.push({
          type: request.headers.get('content-type'),
          body,
          headers: request.headers,
          raw: JSON.stringify(body),
        })
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

const senderApp = (partner: ReturnType<typeof receiver>, url: string | undefined, secret?: () => string | undefined) =>
  createApp({
    plugins: [
      validation(),
      events({
        listeners: [
          webhook(Signup, {
            name: 'signupHook',
            description: 'Tells the partner a user signed up',
            body: SignupHook,
            url: () => url,
            fetcher: () => partner,
            ...(secret ? { secret } : {}),
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
    expect(partner.got.map(({ type, body }) => ({ type, body }))).toEqual([
      { type: 'application/json', body: { id: 9 } },
    ])
    expect(partner.got[0]!.headers.get('webhook-signature')).toBeNull() // no secret: unsigned
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

  describe('signed as Standard Webhooks do', () => {
    // 24 random bytes, base64, as Standard Webhooks libraries generate a secret.
    const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    const verify = async (headers: Headers, raw: string, secret = SECRET) => {
      const key = await crypto.subtle.importKey(
        'raw',
        Uint8Array.from(atob(secret.slice(6)), (c) => c.charCodeAt(0)),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      )
      const signed = `${headers.get('webhook-id')}.${headers.get('webhook-timestamp')}.${raw}`
      const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signed))
      return headers.get('webhook-signature') === `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`
    }

    it('signs each delivery over id, timestamp and body; a retry of one message keeps its webhook-id', async () => {
      const partner = receiver()
      const app = senderApp(partner, 'https://partner.test/hooks/signup', () => SECRET)
      for (let i = 0; i < 2; i++) {
        const batch = delivery('m-7')
        const ctx = createExecutionContext()
        await app.queue(batch, env, ctx)
        await getQueueResult(batch, ctx)
      }
      expect(partner.got).toHaveLength(2)
      for (const { headers, raw } of partner.got) {
        expect(await verify(headers, raw)).toBe(true)
        expect(Math.abs(Number(headers.get('webhook-timestamp')) - Date.now() / 1000)).toBeLessThan(60)
        // A tampered body, another secret: the signature no longer verifies.
        expect(await verify(headers, raw.replace('9', '8'))).toBe(false)
        expect(await verify(headers, raw, 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false)
      }
      expect(partner.got[0]!.headers.get('webhook-id')).toBe('m-7.signupHook')
      expect(partner.got[1]!.headers.get('webhook-id')).toBe(partner.got[0]!.headers.get('webhook-id'))
    })

    it('fails closed on a missing, short or malformed secret: 503 before anything is emitted', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      for (const secret of [undefined, 'whsec_c2hvcnQ=', 'not-a-whsec-secret', 'whsec_!!!!']) {
        const app = senderApp(receiver(), 'https://partner.test/h', () => secret)
        const res = await app.fetch(
          new Request('https://api.test/signup', { method: 'POST' }),
          env,
          createExecutionContext(),
        )
        expect(res.status, String(secret)).toBe(503)
      }
    })

    it('declares the three headers on the webhook in the document', () => {
      const app = senderApp(receiver(), 'https://partner.test/h', () => SECRET)
      const doc = generateDocument(app, { title: 't', version: '1' }) as {
        webhooks: Record<string, { post: { parameters?: { name: string; in: string; required: boolean }[] } }>
      }
      expect(doc.webhooks.signupHook!.post.parameters?.map((p) => [p.name, p.in, p.required])).toEqual([
        ['webhook-id', 'header', true],
        ['webhook-timestamp', 'header', true],
        ['webhook-signature', 'header', true],
      ])
    })
  })
})
