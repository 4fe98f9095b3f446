import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  createApp,
  type FieldProblem,
  get,
  HttpError,
  problemResponse,
  router,
  ValidationError,
  validation,
} from '../../../src/core'
import { statusProblem, validationProblem } from '../../../src/core/kernel/direct-problem'
import { testClient } from '../../../src/core/testing'

const lists: FieldProblem[][] = [
  [],
  [{ in: 'query', name: 'name', pointer: '/name', message: 'is required' }],
  [
    { in: 'body', name: 'a.b/c', pointer: '/a/b~1c', message: 'Invalid "quoted" \u2028 value' },
    { in: 'path', name: 'id', pointer: '/id', message: 'Invalid type: Expected number but received "abc"' },
    { in: 'body', name: '', pointer: '', message: 'is required' },
  ],
]

describe('problems written without an error object', () => {
  it('are byte for byte the problem of the equivalent ValidationError', async () => {
    for (const errors of lists)
      for (const path of ['/users/abc', '/ünïcode/"quote"'])
        expect(await validationProblem(errors, path).text()).toBe(
          await problemResponse(new ValidationError(errors), path).text(),
        )
    const res = validationProblem(lists[1]!, '/x')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('are byte for byte the problem of the equivalent HttpError', async () => {
    for (const status of [404, 405, 418])
      for (const detail of ['No route for /nope', 'with "quotes" and \\ slashes'])
        expect(await statusProblem(status, detail, '/nope').text()).toBe(
          await problemResponse(new HttpError(status, { detail }), '/nope').text(),
        )
  })

  it('still hand invalid input to exception handlers registered for it, by status or by class', async () => {
    const route = get('/n', { query: v.object({ n: v.string() }) }, () => ({ ok: true }))
    const answer = (label: string) => (e: unknown) =>
      new Response(`${label}:${(e as ValidationError).errors[0]!.name}`, { status: 422 })
    const app = createApp({
      plugins: [validation()],
      handlers: [
        router({ path: '/status', exceptionHandlers: [[400, answer('status')]], handlers: [route] }),
        router({ path: '/class', exceptionHandlers: [[ValidationError, answer('class')]], handlers: [route] }),
        router({ path: '/base', exceptionHandlers: [[HttpError, answer('base')]], handlers: [route] }),
        router({ path: '/other', exceptionHandlers: [[404, answer('other')]], handlers: [route] }),
      ],
    })
    for (const label of ['status', 'class', 'base']) {
      // The handlers answer 422 in plain text, to show which one ran: off the contract on purpose.
      const res = await testClient(app, { env, contract: false }).fetch(`/${label}/n`)
      expect(res.status).toBe(422)
      expect(await res.text()).toBe(`${label}:n`)
    }
    expect((await testClient(app, { env }).fetch('/other/n')).status).toBe(400)
  })

  it("still hand an unknown path to the app's exception handler for 404", async () => {
    const app = createApp({
      plugins: [validation()],
      exceptionHandlers: [[404, (e) => new Response((e as HttpError).detail ?? '', { status: 404 })]],
      handlers: [get('/here', () => ({ ok: true }))],
    })
    expect(await (await testClient(app, { env }).fetch('/there')).text()).toBe('No route for /there')
  })
})
