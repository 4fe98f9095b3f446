import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'

const JWT_SECRET = 'files-http-test-secret-that-is-long-enough-0123456789'
const MB = 1024 * 1024

describe('files over real HTTP from wrangler dev', () => {
  let server: DevServer
  let auth: Record<string, string>
  const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init)

  beforeAll(async () => {
    server = await startDevServer({ seed: true, vars: { JWT_SECRET } })
    const login = await call('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password' }),
    })
    auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` }
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('round-trips a 3 MB PDF byte for byte, and serves a range of it', async () => {
    const bytes = new Uint8Array(3 * MB)
    bytes.set(new TextEncoder().encode('%PDF-1.7\n'))
    for (let i = 9; i < bytes.length; i++) bytes[i] = (i * 131) % 251
    const form = new FormData()
    form.append('file', new File([bytes], 'Jahresbericht 2026 – final.pdf'))
    const res = await call('/files', { method: 'POST', body: form, headers: auth })
    expect(res.status).toBe(201)
    const { files } = (await res.json()) as { files: { key: string; size: number }[] }
    expect(files[0]!.size).toBe(bytes.length)

    const download = await call(`/files/${files[0]!.key}`, { headers: auth })
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''Jahresbericht%202026%20%E2%80%93")
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true)

    const part = await call(`/files/${files[0]!.key}`, { headers: { ...auth, range: 'bytes=1000-1999' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`)
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(bytes.subarray(1000, 2000)))).toBe(true)
  })

  it('refuses a chunked upload (no Content-Length) over 10 MB with 413', async () => {
    const head = new TextEncoder().encode(
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n\r\n\x89PNG\r\n\x1a\n',
    )
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 12 * MB) return controller.close()
        controller.enqueue(sent === 0 ? head : new Uint8Array(64 * 1024))
        sent += sent === 0 ? head.length : 64 * 1024
      },
    })
    const res = await call('/files', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { ...auth, 'content-type': 'multipart/form-data; boundary=xyz' },
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ field: 'file', limit: 10 * MB })
  })
})
