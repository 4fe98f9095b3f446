import { describe, expect, it } from 'vitest'
import { problem } from '../helpers'
import { api, as, file, png, upload } from './test-app'

const stored = async (name: string, bytes: Uint8Array | string, owner = 10) => {
  const res = await upload(await as(owner), [file(name, bytes)])
  expect(res.status).toBe(201)
  return ((await res.json()) as { files: { key: string }[] }).files[0]!.key
}
const fetchFile = async (key: string, headers: Record<string, string> = {}, method = 'GET') =>
  api.fetch(`/files/${key}`, { method, headers: { ...(await as(10)), ...headers } })

describe('GET and HEAD /files/:key', () => {
  it('streams the stored bytes back unchanged, with type, length, disposition and a strong ETag', async () => {
    const bytes = png(5000)
    const key = await stored('photo.png', bytes)
    const res = await fetchFile(key)
    expect(res.status).toBe(200)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('content-length')).toBe('5000')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="photo.png"')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/)
  })

  it('names a non-ASCII file with filename* (RFC 6266) and an ASCII fallback', async () => {
    const key = await stored('Übersicht "Q1".txt', 'Umsatz')
    const res = await fetchFile(key)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="_bersicht _Q1_.txt"; filename*=UTF-8''%C3%9Cbersicht%20%22Q1%22.txt`,
    )
    expect(await res.text()).toBe('Umsatz')
  })

  it('answers HEAD with the headers and no body', async () => {
    const key = await stored('head.txt', 'twelve bytes')
    const res = await fetchFile(key, {}, 'HEAD')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe('12')
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await res.text()).toBe('')
  })

  it('answers 304 when If-None-Match names the current ETag, and 200 for another', async () => {
    const key = await stored('cached.txt', 'cache me')
    const etag = (await fetchFile(key)).headers.get('etag')!
    const fresh = await fetchFile(key, { 'if-none-match': etag })
    expect(fresh.status).toBe(304)
    expect(fresh.headers.get('etag')).toBe(etag)
    expect(await fresh.text()).toBe('')
    expect((await fetchFile(key, { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304)
    expect((await fetchFile(key, { 'if-none-match': '"something-else"' })).status).toBe(200)
  })

  it('serves byte ranges with 206 and Content-Range', async () => {
    const text = '0123456789abcdefghij'
    const key = await stored('range.txt', text)
    const cases: [string, string, string][] = [
      ['bytes=0-4', '01234', 'bytes 0-4/20'],
      ['bytes=15-', 'fghij', 'bytes 15-19/20'],
      ['bytes=-3', 'hij', 'bytes 17-19/20'],
      ['bytes=18-100', 'ij', 'bytes 18-19/20'],
    ]
    for (const [range, body, contentRange] of cases) {
      const res = await fetchFile(key, { range })
      expect(res.status, range).toBe(206)
      expect(res.headers.get('content-range')).toBe(contentRange)
      expect(res.headers.get('content-length')).toBe(String(body.length))
      expect(await res.text()).toBe(body)
    }
  })

  it('answers 416 with the size for a range past the end', async () => {
    const key = await stored('short.txt', 'tiny')
    const res = await fetchFile(key, { range: 'bytes=10-20' })
    expect(res.status).toBe(416)
    expect(res.headers.get('content-range')).toBe('bytes */4')
    await problem(res)
  })

  it('answers 416 with bytes */0 for every range of an empty file, HEAD agreeing with GET (RFC 9110 §14.1.2)', async () => {
    const key = await stored('empty.txt', '')
    const whole = await fetchFile(key)
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-length')).toBe('0')
    expect(await whole.text()).toBe('')
    for (const range of ['bytes=-5', 'bytes=-1', 'bytes=0-', 'bytes=0-0', 'bytes=-0']) {
      for (const method of ['GET', 'HEAD']) {
        const res = await fetchFile(key, { range }, method)
        expect(res.status, `${method} ${range}`).toBe(416)
        expect(res.headers.get('content-range'), `${method} ${range}`).toBe('bytes */0')
        if (method === 'GET') expect((await problem(res)).status).toBe(416)
        else expect(await res.text()).toBe('')
      }
    }
  })

  it('serves the whole file for a range it does not understand or a stale If-Range', async () => {
    const key = await stored('whole.txt', 'everything')
    const variants: Record<string, string>[] = [
      { range: 'bytes=0-1,4-5' },
      { range: 'lines=1-2' },
      { range: 'bytes=0-1', 'if-range': '"old"' },
    ]
    for (const headers of variants) {
      const res = await fetchFile(key, headers)
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('everything')
    }
  })
})
