import { describe, expect, it } from 'vitest'
import { createApp, get, guard } from '../../../src/core'
import { generateDocument } from '../../../src/core/openapi'

// Guards that declare what they accept; what they check does not matter to the document.
const either = guard({ security: [{ bearer: [] }, { cookie: [] }], errors: [401] }, () => undefined)
const admin = guard({ security: [{ bearer: ['admin'] }, { cookie: ['admin'] }], errors: [403] }, () => undefined)
const key = guard({ security: [{ apiKey: [] }], errors: [401] }, () => undefined)

const securityOf = (...guards: (typeof either)[]) => {
  const app = createApp({ handlers: [get('/x', { guards }, () => 'x')] })
  const doc = generateDocument(app, { title: 't', version: '1' }) as {
    paths: { '/x': { get: { security: unknown } } }
  }
  return doc.paths['/x'].get.security
}

describe('security requirements read as the guards mean them', () => {
  it('absorbs what two guards multiply out: (bearer or cookie) twice is bearer or cookie', () => {
    expect(securityOf(either, either)).toEqual([{ bearer: [] }, { cookie: [] }])
  })

  it('keeps the stronger scopes where one guard narrows another', () => {
    expect(securityOf(either, admin)).toEqual([{ bearer: ['admin'] }, { cookie: ['admin'] }])
  })

  it('keeps a requirement that needs two credentials together when no single one suffices', () => {
    expect(securityOf(either, key)).toEqual([
      { bearer: [], apiKey: [] },
      { cookie: [], apiKey: [] },
    ])
  })
})
