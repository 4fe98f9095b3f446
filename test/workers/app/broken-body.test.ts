import { describe, expect, it } from 'vitest'
import { problem } from '../helpers'
import { type ApiClient, apiClient } from '../kit'

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

const api = apiClient()
const admin = await api.as({ role: 'admin' })

/** Posts a body that breaks mid-way to the reference API, as `client` is signed in. */
async function sendBroken(
  path: string,
  contentType: string,
  first: string,
  headers: Record<string, string> = {},
  client: ApiClient = api,
) {
  const request = new Request(`https://api.test${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'cf-connecting-ip': '192.0.2.200', ...headers },
    body: breaking(first),
    duplex: 'half',
  } as RequestInit)
  return client.fetch(request)
}

const boundary = 'broken-boundary'
const multipartStart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhel`

describe('a request body that cannot be read to its end is the client’s 400, never a 500', () => {
  const cases: [string, string, string, string, ApiClient][] = [
    ['JSON, public route', '/users', 'application/json', '{"name":"Ann', api],
    ['JSON, read for the login rate-limit key first', '/auth/login', 'application/json', '{"email":"a', api],
    ['JSON, secured route', '/posts', 'application/json', '{"title":"x', admin],
    ['multipart upload', '/files', `multipart/form-data; boundary=${boundary}`, multipartStart, admin],
  ]
  for (const [label, path, type, first, client] of cases) {
    it(`${label}: POST ${path}`, async () => {
      const res = await sendBroken(path, type, first, {}, client)
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
