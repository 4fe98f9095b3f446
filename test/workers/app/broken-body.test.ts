import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import worker from '../../../src/app'
import { accountToken } from '../account-token'
import { problem } from '../helpers'

const encoder = new TextEncoder()

/** A body that sends `first`, then fails the way a reset connection or broken chunked framing does. */
const breaking = (first: string) => {
  let sent = false
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) controller.error(new TypeError('Network connection lost.'))
      else controller.enqueue(encoder.encode(first))
      sent = true
    },
  })
}

const asAdmin = async () => {
  return `Bearer ${await accountToken(1_000_000, 'admin')}`
}

/** Posts a body that breaks mid-way to the reference API's own fetch. */
async function sendBroken(path: string, contentType: string, first: string, headers: Record<string, string> = {}) {
  const request = new Request(`https://api.test${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'cf-connecting-ip': '192.0.2.200', ...headers },
    body: breaking(first),
    duplex: 'half',
  } as RequestInit)
  const ctx = createExecutionContext()
  const response = await worker.fetch(request, env, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

const boundary = 'broken-boundary'
const multipartStart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhel`

describe('a request body that cannot be read to its end is the client’s 400, never a 500', () => {
  const cases: [string, string, string, string, () => Promise<Record<string, string>>][] = [
    ['JSON, public route', '/users', 'application/json', '{"name":"Ann', async () => ({})],
    [
      'JSON, read for the login rate-limit key first',
      '/auth/login',
      'application/json',
      '{"email":"a',
      async () => ({}),
    ],
    [
      'JSON, secured route',
      '/posts',
      'application/json',
      '{"title":"x',
      async () => ({ authorization: await asAdmin() }),
    ],
    [
      'multipart upload',
      '/files',
      `multipart/form-data; boundary=${boundary}`,
      multipartStart,
      async () => ({ authorization: await asAdmin() }),
    ],
  ]
  for (const [label, path, type, first, headers] of cases) {
    it(`${label}: POST ${path}`, async () => {
      const res = await sendBroken(path, type, first, await headers())
      expect(res.status).toBe(400)
      const body = await problem(res)
      expect(body.detail).toBe('The request body could not be read')
    })
  }

  it('also when the body declared its length', async () => {
    const res = await sendBroken('/users', 'application/json', '{"name":"Ann', { 'content-length': '200' })
    expect(res.status).toBe(400)
    expect((await problem(res)).detail).toBe('The request body could not be read')
  })
})
