import { describe, expect, it } from 'vitest'
import { HttpError } from '../../../src/core'
import { type MultipartPart, readMultipart } from '../../../src/core/http'

const encoder = new TextEncoder()
const limits = { maxFiles: 5, maxFileSize: 1000 }

/** A request whose body arrives in chunks of `size` bytes, so boundaries land anywhere. */
const chunked = (body: Uint8Array, size: number, boundary = 'b0und') => {
  let at = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= body.length) return controller.close()
      controller.enqueue(body.slice(at, at + size))
      at += size
    },
  })
  return new Request('https://t/', {
    method: 'POST',
    body: stream,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  })
}
const raw = (text: string) => encoder.encode(text.replaceAll('\n', '\r\n'))
const readAll = async (request: Request, l = limits) => {
  const parts: MultipartPart[] = []
  for await (const part of readMultipart(request, l)) parts.push(part)
  return parts
}
const failure = async (request: Request, l = limits) => {
  try {
    await readAll(request, l)
  } catch (e) {
    if (e instanceof HttpError) return e
    throw e
  }
  throw new Error('expected the body to be refused')
}

const BODY = raw(`preamble to ignore
--b0und
Content-Disposition: form-data; name="title"

Hello
--b0und
Content-Disposition: form-data; name="file"; filename="a \\"q\\".txt"
Content-Type: text/plain

line one
--b0un
--b0und
Content-Disposition: form-data; name="file"; filename="fallback.txt"; filename*=UTF-8''na%C3%AFve.txt

--b0und--
epilogue`)

describe('readMultipart', () => {
  it('reads every part the same whatever the chunk size', async () => {
    for (const size of [1, 2, 3, 7, 16, 64, BODY.length]) {
      const parts = await readAll(chunked(BODY, size))
      expect(
        parts.map((p) => [p.name, p.filename, p.contentType, new TextDecoder().decode(p.data)]),
        `chunk ${size}`,
      ).toEqual([
        ['title', undefined, 'text/plain', 'Hello'],
        ['file', 'a "q".txt', 'text/plain', 'line one\r\n--b0un'],
        ['file', 'naïve.txt', 'application/octet-stream', ''],
      ])
    }
  })

  it('reads what FormData sends, bytes intact', async () => {
    const bytes = Uint8Array.from({ length: 900 }, (_, i) => (i * 7) % 256)
    const form = new FormData()
    form.append('file', new File([bytes], 'x.bin'))
    const [part] = await readAll(new Request('https://t/', { method: 'POST', body: form }))
    expect(part!.data).toEqual(bytes)
  })

  it('refuses a part over its limit while reading, and one file too many before reading it', async () => {
    const big = await failure(chunked(BODY, 5), { maxFiles: 5, maxFileSize: 10 })
    expect(big.status).toBe(413)
    expect(big.extensions).toMatchObject({ field: 'file', limit: 10 })
    const many = await failure(chunked(BODY, 5), { maxFiles: 1, maxFileSize: 1000 })
    expect(many.status).toBe(413)
    expect(many.extensions).toMatchObject({ field: 'file', limit: 1 })
  })

  it('answers 400 for a body cut off before its closing boundary', async () => {
    const cut = BODY.slice(0, BODY.length - 20)
    expect((await failure(chunked(cut, 9))).status).toBe(400)
  })

  it('answers 400 for a part without Content-Disposition', async () => {
    const body = raw('--b0und\nContent-Type: text/plain\n\nx\n--b0und--')
    expect((await failure(chunked(body, 4))).detail).toContain('Content-Disposition')
  })

  it('answers 400, not 500, when the body breaks off mid-upload', async () => {
    let sent = false
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new Error('connection reset'))
        sent = true
        controller.enqueue(BODY.slice(0, 40))
      },
    })
    const request = new Request('https://t/', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'multipart/form-data; boundary=b0und' },
    })
    expect((await failure(request)).status).toBe(400)
  })

  it('answers 415 for a body that is not multipart/form-data', async () => {
    const request = new Request('https://t/', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    })
    expect((await failure(request)).status).toBe(415)
  })
})
