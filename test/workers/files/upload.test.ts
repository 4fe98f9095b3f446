import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'
import { problem } from '../helpers'
import { allKeys, api, as, file, person, png, smallApi, upload } from './test-app'

const KEY = /^[0-9a-f-]{36}\.(png|txt|csv|json|pdf|jpg|gif|webp)$/

describe('POST /files', () => {
  it('stores one file under a generated key with its metadata in R2', async () => {
    const bytes = png(200)
    const { id } = await person(1)
    const res = await upload(await as(1), [file('../../etc/My Photo.PNG', bytes)])
    expect(res.status).toBe(201)
    const { files } = (await res.json()) as { files: Record<string, unknown>[] }
    expect(files).toHaveLength(1)
    const [info] = files
    expect(info).toMatchObject({ name: 'My Photo.PNG', size: 200, contentType: 'image/png', owner: id })
    expect(info!.key).toMatch(KEY)
    const object = await env.FILES.get(`files/${info!.key}`)
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes)
    expect(object!.customMetadata).toMatchObject({ owner: String(id), size: '200', contentType: 'image/png' })
    expect(object!.httpMetadata?.contentType).toBe('image/png')
  })

  it('stores several files from one request, in order', async () => {
    const res = await upload(await as(2), [
      file('a.png', png()),
      file('notes.txt', 'hello\nworld'),
      file('data.json', '{"a":1}'),
      file('Grüße.csv', 'x,y\n1,2'),
    ])
    expect(res.status).toBe(201)
    const { files } = (await res.json()) as { files: { name: string; contentType: string }[] }
    expect(files.map((f) => [f.name, f.contentType])).toEqual([
      ['a.png', 'image/png'],
      ['notes.txt', 'text/plain; charset=utf-8'],
      ['data.json', 'application/json'],
      ['Grüße.csv', 'text/csv; charset=utf-8'],
    ])
  })

  it('refuses a renamed executable by its first bytes, naming the file', async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00])
    for (const name of ['evil.png', 'evil.txt', 'evil.exe', 'noextension']) {
      const before = await allKeys()
      const res = await upload(await as(3), [file(name, exe)])
      expect(res.status).toBe(415)
      const body = await problem(res)
      expect(body.detail).toContain(name)
      expect(body).toMatchObject({ field: 'file', index: 0, filename: name })
      expect(await allKeys()).toEqual(before)
    }
  })

  it('refuses a .json file that is not JSON', async () => {
    const res = await upload(await as(3), [file('x.json', '{not json')])
    expect(res.status).toBe(415)
  })

  it('stores nothing when one part of several is bad', async () => {
    const before = await allKeys()
    const res = await upload(await as(4), [file('ok.png', png()), file('ok.txt', 'fine'), file('bad.gif', png())])
    expect(res.status).toBe(415)
    expect((await problem(res)).detail).toContain('bad.gif')
    expect(await allKeys()).toEqual(before)
  })

  it('refuses more files than the layer allows, storing nothing', async () => {
    const before = await allKeys()
    const res = await upload(await as(5), [file('1.txt', 'a'), file('2.txt', 'b'), file('3.txt', 'c')], smallApi)
    expect(res.status).toBe(413)
    expect(await problem(res)).toMatchObject({ field: 'file', limit: 2 })
    expect(await allKeys()).toEqual(before)
  })

  it('refuses a file over the size limit, storing nothing', async () => {
    const before = await allKeys()
    const res = await upload(await as(5), [file('small.png', png(100)), file('big.png', png(1025))], smallApi)
    expect(res.status).toBe(413)
    const body = await problem(res)
    expect(body).toMatchObject({ field: 'file', limit: 1024 })
    expect(body.detail).toContain('big.png')
    expect(await allKeys()).toEqual(before)
    expect((await upload(await as(5), [file('exact.png', png(1024))], smallApi)).status).toBe(201)
  })

  it('refuses from Content-Length without reading the body', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(1024))
      },
    })
    const res = await smallApi.fetch('/files', {
      method: 'POST',
      body,
      headers: {
        ...(await as(6)),
        'content-type': 'multipart/form-data; boundary=xyz',
        'content-length': '100000000',
      },
    })
    expect(res.status).toBe(413)
    expect(pulled).toBeLessThanOrEqual(1) // a stream may pre-pull one chunk when created; none is read
  })

  it('refuses a body without Content-Length once the running count passes the limit', async () => {
    const encoder = new TextEncoder()
    const head = encoder.encode('--xyz\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\n\r\n')
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // An endless file: only refusing while reading can end this request.
        controller.enqueue(sent === 0 ? new Uint8Array([...head, ...png(256)]) : new Uint8Array(256))
        sent += 256
      },
    })
    const res = await smallApi.fetch('/files', {
      method: 'POST',
      body,
      headers: { ...(await as(6)), 'content-type': 'multipart/form-data; boundary=xyz' },
    })
    expect(res.status).toBe(413)
    expect((await problem(res)).detail).toContain('huge.png')
    expect(sent).toBeLessThan(4 * 1024)
  })

  it('answers a request without files, or with other fields, with a 400 naming the field', async () => {
    const empty = new FormData()
    empty.append('title', 'x')
    const res = await api.fetch('/files', { method: 'POST', body: empty, headers: await as(7) })
    expect(res.status).toBe(400)
    expect(await problem(res)).toMatchObject({ errors: [{ in: 'body', name: 'title' }] })
    const text = new FormData()
    text.append('file', 'not a file')
    const res2 = await api.fetch('/files', { method: 'POST', body: text, headers: await as(7) })
    expect(await problem(res2)).toMatchObject({ status: 400, errors: [{ name: 'file', message: 'must be a file' }] })
  })

  it('answers a JSON body with 415 and an anonymous caller with 401', async () => {
    const json = await api.fetch('/files', {
      method: 'POST',
      body: '{"file":"x"}',
      headers: { ...(await as(8)), 'content-type': 'application/json' },
    })
    expect(json.status).toBe(415)
    const anonymous = await upload({}, [file('a.png', png())])
    expect(anonymous.status).toBe(401)
  })

  it('stores the document’s example upload as it stands: its field names are the ones the handler reads', async () => {
    const media = (document.paths['/files'].post.requestBody.content as Record<string, { example?: unknown }>)[
      'multipart/form-data'
    ]
    const example = media?.example as Record<string, string[]> | undefined
    expect(example).toBeDefined()
    const form = new FormData()
    let sent = 0
    for (const [field, values] of Object.entries(example!))
      for (const value of values) form.append(field, new File([value], `example-${sent++}.txt`))
    const res = await api.fetch('/files', { method: 'POST', body: form, headers: await as(9) })
    expect(res.status).toBe(201)
    const { files } = (await res.json()) as { files: { size: number }[] }
    expect(files.map((f) => f.size)).toEqual(example!.file!.map((text) => new TextEncoder().encode(text).length))
  })
})
