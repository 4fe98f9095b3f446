import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../src/core'
import { accountToken } from '../account-token'
import { operations } from './operations'
import { baseline, encode, send } from './send'

// Every unsafe operation the document lets a session cookie authenticate, walked as a forged cross-site
// request: an admin's session (so no role check is what refuses it), a valid body, a hostile page's headers.
const unsafe = operations.filter(
  (op) => !['GET', 'HEAD'].includes(op.method) && op.security.some((requirement) => 'cookieAuth' in requirement),
)
const ADMIN_ID = 3_000_000
let cookie = ''

beforeAll(async () => {
  await accountToken(ADMIN_ID, 'admin')
  // A session row made directly: its id is what a browser would hold in the cookie.
  const id = 'A'.repeat(43)
  const now = Date.now()
  await env.DB.prepare('INSERT INTO sessions (id, subject, created_at, seen_at) VALUES (?, ?, ?, ?)')
    .bind(await sha256Hex(id), String(ADMIN_ID), now, now)
    .run()
  cookie = `__Host-sid=${id}`
})

const forged = (op: (typeof unsafe)[number], headers: Record<string, string>) => {
  const sample = baseline(op)
  const encoded = op.body ? encode(op.body.contentType, sample.body) : { headers: {} }
  return send(sample.url(), {
    method: op.method,
    headers: { ...sample.headers, ...encoded.headers, cookie, ...headers },
    ...('body' in encoded ? { body: encoded.body } : {}),
  })
}

describe('cookie-authenticated writes refuse cross-site requests on every operation', () => {
  it('walks some operations', () => {
    expect(unsafe.length).toBeGreaterThan(5)
  })

  for (const op of unsafe) {
    it(`${op.method} ${op.path}: a cross-site page is refused with 403 before the handler runs`, async () => {
      const hostile: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
        { 'sec-fetch-site': 'same-site', origin: 'https://sub.api.test' },
        {},
      ]
      for (const headers of hostile) {
        const res = await forged(op, headers)
        expect(res.status, JSON.stringify(headers)).toBe(403)
        expect(await res.json()).toMatchObject({ detail: expect.stringContaining('cross-site request') })
      }
    })
  }

  it('the same cookie from the API’s own origin gets past CSRF (the control case)', async () => {
    const op = unsafe.find((o) => o.path === '/auth/logout')!
    const res = await forged(op, { 'sec-fetch-site': 'same-origin' })
    expect(res.status).toBe(204)
  })
})
