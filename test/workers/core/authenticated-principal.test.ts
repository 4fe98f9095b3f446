import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, dependency, get, router, withEnv } from '../../../src/core'
import * as auth from '../../../src/core/auth'
import { testClient } from '../../../src/core/testing'

// `authenticated` is the principal never null: typed so, and its provider refuses rather than hand over a null.
interface Env {
  readonly JWT_SECRET: string
}
// Bound to Env: the same functions at run time, typed by it.
const { bearerJwt, firstOf } = withEnv<Env>().bind(auth)
const bearer = bearerJwt({
  secret: (e) => e.JWT_SECRET,
  issuer: 'me',
  audience: 'me',
  principal: (claims) => ({ id: Number(claims.sub) }),
})
const either = firstOf(dependency<{ id: number } | null>('either'), [bearer])
const me = get('/me', { inject: { me: bearer.authenticated } }, ({ deps }) => ({ id: deps.me.id }))
// No guard: the accessor alone still refuses a request without credentials.
const unguarded = get('/unguarded', { inject: { me: either.authenticated } }, ({ deps }) => ({ id: deps.me.id }))
const app = createApp({
  handlers: [
    router({ dependencies: [...bearer.dependencies], guards: [bearer.required()], handlers: [me] }),
    router({ dependencies: [...either.dependencies], handlers: [unguarded] }),
  ],
})
// Contract mode off: the unguarded route's 401 is the forgotten guard this test stages, undeclared on purpose.
const client = testClient(app, { env, contract: false })
const token = () => bearer.sign(env as unknown as Env, { sub: '7' }, 60)

describe("a scheme's authenticated principal", () => {
  it('is the principal behind required()', async () => {
    const res = await client.fetch('/me', { headers: { authorization: `Bearer ${await token()}` } })
    expect(await res.json()).toEqual({ id: 7 })
    expect((await client.fetch('/me')).status).toBe(401)
  })

  it('answers 401 with the challenge where a guard was forgotten, never a null', async () => {
    const res = await client.fetch('/unguarded')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toContain('Bearer')
    const ok = await client.fetch('/unguarded', { headers: { authorization: `Bearer ${await token()}` } })
    expect(await ok.json()).toEqual({ id: 7 })
  })
})
