import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** Walks into the document by keys; undefined where a key is missing. */
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value)
const keys = (value: unknown) => Object.keys((value ?? {}) as object)
// The committed document: test/workers/app proves it is current, openapi-spec.test.ts that it is valid.
const document: unknown = JSON.parse(readFileSync('schema/openapi.json', 'utf8'))
const op = (path: string, method: string) => at(document, 'paths', path, method)

describe('the files routes in the OpenAPI document', () => {
  it('describes the upload as multipart with binary file parts, and every error', () => {
    const upload = op('/files', 'post')
    expect(keys(at(upload, 'requestBody', 'content'))).toEqual(['multipart/form-data'])
    const file = at(upload, 'requestBody', 'content', 'multipart/form-data', 'schema', 'properties', 'file')
    expect(file).toMatchObject({ type: 'array', items: { type: 'string', format: 'binary' } })
    expect(keys(at(upload, 'responses'))).toEqual(expect.arrayContaining(['201', '400', '401', '413', '415', '500']))
    expect(at(upload, 'security')).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }])
  })

  it('describes the download’s media types, headers, 206, 304 and errors', () => {
    const download = op('/files/{key}', 'get')
    const ok = at(download, 'responses', '200')
    expect(keys(at(ok, 'content'))).toEqual(
      expect.arrayContaining(['image/png', 'image/jpeg', 'application/pdf', 'text/plain; charset=utf-8']),
    )
    expect(at(ok, 'content', 'image/png', 'schema')).toEqual({ type: 'string', format: 'binary' })
    expect(keys(at(ok, 'headers'))).toEqual(
      expect.arrayContaining(['ETag', 'Content-Length', 'Content-Disposition', 'Accept-Ranges']),
    )
    expect(at(download, 'responses', '206', 'headers')).toHaveProperty('Content-Range')
    expect(at(download, 'responses', '206', 'content', 'application/pdf', 'schema')).toEqual({
      type: 'string',
      format: 'binary',
    })
    expect(at(download, 'responses', '304', 'headers')).toHaveProperty('ETag')
    expect(keys(at(download, 'responses'))).toEqual(expect.arrayContaining(['400', '401', '404', '416', '500']))
  })

  it('documents list and delete with their errors', () => {
    expect(at(op('/files', 'get'), 'responses', '200', 'content', 'application/json', 'schema')).toEqual({
      $ref: '#/components/schemas/FilePage',
    })
    expect(keys(at(op('/files/{key}', 'delete'), 'responses'))).toEqual(
      expect.arrayContaining(['204', '400', '401', '404', '500']),
    )
  })
})
