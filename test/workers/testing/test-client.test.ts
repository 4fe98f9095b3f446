import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, dependency, get, guard, post, provide, router, unauthorized, validation } from '../../../src/core'
import { requestLogger } from '../../../src/core/middleware/index'
import { fakeClock, testClient } from '../../../src/core/testing'

const Greeting = dependency<string>('greeting')
const User = dependency<string | undefined>('user')

const hello = get('/hello', { inject: { greeting: Greeting } }, ({ deps: { greeting } }) => ({ greeting }))
const whoami = get('/me', { inject: { user: User } }, ({ deps: { user } }) => ({ user }))
const signedIn = guard({ inject: { user: User }, errors: [401] }, ({ deps: { user } }) => {
  if (!user) unauthorized('sign in')
})
const item = get(
  '/items/:id',
  { params: v.object({ id: v.pipe(v.number(), v.integer()) }), response: v.object({ id: v.number(), at: v.number() }) },
  ({ params }) => ({ id: params.id, at: Date.now() }),
)
const echo = post(
  '/echo',
  { body: v.object({ n: v.number() }), response: v.object({ n: v.number() }) },
  ({ body }) => body,
)

const app = createApp({
  plugins: [validation()],
  middleware: [requestLogger()],
  dependencies: [
    provide(Greeting, () => 'app'),
    provide(User, ({ request }) => request.headers.get('x-user') ?? undefined),
  ],
  handlers: [
    item,
    echo,
    // The inner router's provider wins over the app's: an override must beat both.
    router({ path: '/inner', dependencies: [provide(Greeting, () => 'inner')], handlers: [hello] }),
    router({ path: '/private', guards: [signedIn], handlers: [whoami] }),
  ],
})

describe('testClient', () => {
  afterEach(() => vi.restoreAllMocks())

  it('an override replaces the provider on every layer, the inner router included, for that client only', async () => {
    const plain = testClient(app, { env })
    const overridden = testClient(app, { env, overrides: [provide(Greeting, () => 'override')] })
    expect(await (await plain.fetch('/inner/hello')).json()).toEqual({ greeting: 'inner' })
    expect(await (await overridden.fetch('/inner/hello')).json()).toEqual({ greeting: 'override' })
    expect(
      await (await app.fetch(new Request('https://x/inner/hello'), env, { waitUntil() {} } as never)).json(),
    ).toEqual({ greeting: 'inner' })
  })

  it('an override also reaches what guards inject', async () => {
    const client = testClient(app, { env, overrides: [provide(User, () => 'ada')] })
    expect((await testClient(app, { env }).fetch('/private/me')).status).toBe(401)
    expect(await (await client.fetch('/private/me')).json()).toEqual({ user: 'ada' })
  })

  it('calls a handler typed from its spec: params encoded into its full path, the body as JSON', async () => {
    const client = testClient(app, { env })
    const got = await client.call(item, { params: { id: 7 } })
    expect(got.status).toBe(200)
    expect(got.data?.id).toBe(7)
    const made = await client.call(echo, { body: { n: 3 } })
    expect([made.status, made.data]).toEqual([201, { n: 3 }])
    const bad = await client.call(echo, { body: { n: 'x' as unknown as number } })
    expect(bad.status).toBe(400)
    expect(bad.problem?.status).toBe(400)
  })

  it('refuses a handler the app does not serve', async () => {
    const stray = get('/stray', () => 'x')
    await expect(testClient(app, { env }).call(stray, {})).rejects.toThrow('not a route of this app')
  })

  it('signs in through the hook once and sends the credential on every request', async () => {
    const signIn = vi.fn(async (_client: unknown, who: string) => ({ 'x-user': who }))
    const client = testClient(app, { env, signIn })
    const grace = await client.as('grace')
    expect(await (await grace.fetch('/private/me')).json()).toEqual({ user: 'grace' })
    expect(await (await grace.fetch('/private/me')).json()).toEqual({ user: 'grace' })
    expect(signIn).toHaveBeenCalledTimes(1)
    expect((await client.fetch('/private/me')).status).toBe(401)
  })

  it('calls a headers function per request; credentials beat it, and a request’s own headers beat both', async () => {
    let n = 0
    const signIn = async (_client: unknown, who: string) => ({ 'x-user': who })
    const client = testClient(app, { env, signIn, headers: () => ({ 'x-user': `visitor-${++n}` }) })
    const user = async (c: typeof client, init?: RequestInit) =>
      ((await (await c.fetch('/private/me', init)).json()) as { user: string }).user
    expect([await user(client), await user(client)]).toEqual(['visitor-1', 'visitor-2'])
    const grace = await client.as('grace')
    expect(await user(grace)).toBe('grace')
    expect(await user(grace, { headers: { 'x-user': 'own' } })).toBe('own')
    expect(grace.credentials.get('x-user')).toBe('grace')
    expect([...client.credentials]).toEqual([])
  })

  it('keeps request log lines off the console and in client.logs', async () => {
    const log = vi.spyOn(console, 'log')
    const client = testClient(app, { env })
    await client.fetch('/items/3')
    await client.fetch('/nowhere')
    expect(log).not.toHaveBeenCalled()
    expect(client.logs.map((l) => [l.route, l.status])).toEqual([
      ['/items/:id', 200],
      [undefined, 404],
    ])
  })

  it('a fake clock moves Date.now() for the app only when told to', async () => {
    const clock = fakeClock(Date.parse('2030-01-01T00:00:00Z'))
    try {
      const client = testClient(app, { env })
      expect((await client.call(item, { params: { id: 1 } })).data?.at).toBe(Date.parse('2030-01-01T00:00:00Z'))
      clock.advance(16 * 60_000)
      expect((await client.call(item, { params: { id: 1 } })).data?.at).toBe(Date.parse('2030-01-01T00:16:00Z'))
    } finally {
      clock.restore()
    }
  })
})
