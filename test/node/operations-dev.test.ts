import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

/** Finds the JSON request line wrangler dev printed for a request id. */
const logLineFor = async (server: DevServer, requestId: string): Promise<Record<string, unknown>> => {
  for (let i = 0; i < 100; i++) {
    const line = server
      .output()
      .split('\n')
      .find((l) => l.includes(`"requestId":"${requestId}"`) && l.includes('"msg":"request"'))
    if (line) return JSON.parse(line.slice(line.indexOf('{')))
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no log line for ${requestId} in:\n${server.output()}`)
}

describe('operations over real HTTP from wrangler dev', () => {
  let server: DevServer
  beforeAll(async () => {
    server = await startDevServer()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('answers with a request id, security headers and Server-Timing, and logs one masked line for it', async () => {
    const res = await fetch(`${server.url}/greet?name=Ann&api_key=sk_live_999`, {
      headers: { authorization: 'Bearer dev-secret-token', cookie: 'session=dev-cookie' },
    })
    expect(res.status).toBe(200)
    const id = res.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('server-timing')).toMatch(/^handler;dur=/)
    const line = await logLineFor(server, id!)
    expect(line).toMatchObject({ method: 'GET', route: '/greet', status: 200, requestId: id })
    expect(line.headers).toMatchObject({ authorization: 'Bearer [masked]', cookie: '[masked]' })
    for (const secret of ['dev-secret-token', 'dev-cookie', 'sk_live_999'])
      expect(server.output()).not.toContain(secret)
  })

  it('answers a CORS preflight from the configured front-end origin', async () => {
    const res = await fetch(`${server.url}/greet`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  })
})
