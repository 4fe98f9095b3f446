import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { cookiesOf, createApp, get, parseCookieHeader, validation } from '../../../src/core'
import { readCookie } from '../../../src/core/auth'
import { testClient } from '../../../src/core/testing'

describe('one cookie parser for every stage', () => {
  it('takes the first of a repeated name, unquotes and percent-decodes once, and keeps malformed encodings as sent', () => {
    const jar = parseCookieHeader('sid=first; sid=second; q="a%20b"; bad=%E0%A4%A; =nameless; flag')
    expect([...jar]).toEqual([
      ['sid', 'first'],
      ['q', 'a b'],
      ['bad', '%E0%A4%A'],
    ])
    expect(readCookie('a=1; a=2', 'a')).toBe('1')
    expect(parseCookieHeader('x=%2541').get('x')).toBe('%41')
  })

  it('gives validated inputs and a stage reading cookiesOf the same value for a duplicated, encoded cookie', async () => {
    let seenByStage: string | undefined
    const route = get('/c', { cookies: v.object({ sid: v.string() }) }, (ctx) => {
      seenByStage = cookiesOf(ctx).get('sid')
      return { input: ctx.cookies.sid }
    })
    const client = testClient(createApp({ plugins: [validation()], handlers: [route] }), { env })
    const res = await client.fetch('/c', { headers: { cookie: 'sid=%61dmin; sid=other' } })
    expect(await res.json()).toEqual({ input: 'admin' })
    expect(seenByStage).toBe('admin')
  })
})
