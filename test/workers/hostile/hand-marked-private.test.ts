import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, get, markPrivate, validation } from '../../../src/core'
import { viewCheck } from '../../../src/core/kernel/view-check'
import { generateDocument } from '../../../src/core/openapi'

// The pool loads the reference Worker, whose models call markPrivate: the check is switched off here by hand, as
// in an app whose own code never calls it.
let saved: typeof viewCheck.run
beforeEach(() => {
  saved = viewCheck.run
  viewCheck.run = undefined
})
afterEach(() => {
  viewCheck.run = saved
})

const handMarked = v.object({ email: v.pipe(v.string(), v.metadata({ 'x-private': 'personal' })) })
const info = { title: 't', version: '1' }
const none = () => new Response(null)

describe('the private-view check in an app that never called markPrivate', () => {
  it('is off at createApp, yet a field marked by hand still refuses the app’s document', () => {
    const app = createApp({ plugins: [validation()], handlers: [get('/everyone', { response: handMarked }, none)] })
    expect(() => generateDocument(app, info)).toThrow(/Route GET \/everyone would send the personal field "email"/)
  })

  it('is switched on by markPrivate, and then refuses the app itself', () => {
    markPrivate(v.string(), 'personal')
    expect(() =>
      createApp({ plugins: [validation()], handlers: [get('/everyone', { response: handMarked }, none)] }),
    ).toThrow(/Route GET \/everyone would send the personal field "email"/)
  })
})
