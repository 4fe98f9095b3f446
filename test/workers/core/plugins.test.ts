import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  createApp,
  defineInstrument,
  dependency,
  get,
  middleware,
  type Plugin,
  post,
  provide,
  router,
} from '../../../src/core'
import { responseCache } from '../../../src/core/cache'
import { d1Session, type SqlDatabase } from '../../../src/core/data'
import { events } from '../../../src/core/events'
import { rateLimit } from '../../../src/core/rate-limit'
import { memoryStore } from '../../../src/core/stores'
import { testClient } from '../../../src/core/testing'

const ok = () => ({ ok: true })
const limit = [{ limit: 1, window: 60, key: 'ip' as const }]
const limiter = () => rateLimit({ binding: (e) => e.RATE_LIMITER })
const cache = () => responseCache({ store: memoryStore() })

describe('an option no registered plugin owns refuses to build', () => {
  it('refuses rateLimit and cache on a plugin-less app, naming the app and the option', () => {
    expect(() => createApp({ rateLimit: limit, handlers: [get('/a', ok)] })).toThrow(
      'The app sets the option "rateLimit", which no registered plugin owns',
    )
    expect(() => createApp({ cache: { ttl: 300 }, handlers: [get('/a', ok)] })).toThrow(
      'The app sets the option "cache", which no registered plugin owns',
    )
  })

  it('names the route, and the router that set the option', () => {
    const handlers = [router({ path: '/api', rateLimit: limit, handlers: [get('/x', ok), get('/y', ok)] })]
    expect(() => createApp({ handlers })).toThrow(
      'Route GET /api/x sets the option "rateLimit" (on the router at /api), which no registered plugin owns',
    )
    expect(() => createApp({ handlers: [get('/c', { cache: { ttl: 300 } }, ok)] })).toThrow(
      'Route GET /c sets the option "cache", which no registered plugin owns',
    )
  })

  it('refuses each first-party plugin option when only the other plugin is registered', () => {
    expect(() => createApp({ plugins: [cache()], handlers: [get('/a', { rateLimit: limit }, ok)] })).toThrow(
      'Route GET /a sets the option "rateLimit"',
    )
    expect(() => createApp({ plugins: [limiter()], handlers: [get('/a', { cache: { ttl: 300 } }, ok)] })).toThrow(
      'Route GET /a sets the option "cache"',
    )
    expect(() => createApp({ plugins: [cache()], handlers: [post('/a', { emits: ['a.made'] }, ok)] })).toThrow(
      'Route POST /a sets the option "emits"',
    )
    expect(() =>
      createApp({ plugins: [events({ listeners: [] })], handlers: [post('/a', { emits: ['a.made'] }, ok)] }),
    ).not.toThrow()
  })

  // Every option a first-party plugin owns, each set where no plugin owns it: the build names route and option.
  const firstParty: [string, object][] = [
    ['rateLimit', { rateLimit: limit }],
    ['cache', { cache: { ttl: 300 } }],
    ['idempotency', { idempotency: { required: true } }],
    ['events', { events: { tick: v.number() } }],
    ['stream', { stream: { retry: 1000 } }],
    ['channel', { channel: { inbound: v.string(), outbound: v.string() } }],
  ]
  for (const [option, spec] of firstParty)
    it(`refuses ${option} without its plugin, on a route and on a router`, () => {
      expect(() => createApp({ handlers: [post('/x', spec, ok)] })).toThrow(
        `Route POST /x sets the option "${option}", which no registered plugin owns`,
      )
      expect(() => createApp({ handlers: [router({ path: '/r', ...spec, handlers: [get('/y', ok)] })] })).toThrow(
        `Route GET /r/y sets the option "${option}" (on the router at /r), which no registered plugin owns`,
      )
    })

  it('refuses a misspelt option that slipped past the types, and one on a router with no routes', () => {
    const typo = { rateLimt: limit } as object
    expect(() => createApp({ plugins: [limiter()], handlers: [get('/a', typo, ok)] })).toThrow(
      'Route GET /a sets the option "rateLimt"',
    )
    expect(() => createApp({ handlers: [router({ path: '/empty', cache: { ttl: 60 }, handlers: [] })] })).toThrow(
      'The router at /empty sets the option "cache"',
    )
  })

  it('builds once the owning plugin is registered, and the option takes effect', async () => {
    const app = createApp({ plugins: [limiter()], handlers: [get('/limited', { rateLimit: limit }, ok)] })
    const client = testClient(app, { env, headers: { 'cf-connecting-ip': '192.0.2.77' } })
    expect((await client.fetch('/limited')).status).toBe(200)
    const second = await client.fetch('/limited')
    expect(second.status).toBe(429)
  })

  it('refuses two owners of one option, and a plugin claiming a kernel option', () => {
    const a: Plugin = { name: 'a', options: { widgetLimit: 'nearest' } }
    const b: Plugin = { name: 'b', options: { widgetLimit: 'concat' } }
    expect(() => createApp({ plugins: [a, b], handlers: [] })).toThrow(
      'Plugin b claims the option "widgetLimit", which plugin a owns',
    )
    const greedy: Plugin = { name: 'greedy', options: { guards: 'nearest' } }
    expect(() => createApp({ plugins: [greedy], handlers: [] })).toThrow(
      'Plugin greedy claims the option "guards", which the kernel owns',
    )
    // The app's own options and a handler spec's inputs are the kernel's too: a plugin owning `handlers` would have
    // the route list merged as a layer option, one owning `query` would take a route's input.
    for (const option of ['handlers', 'plugins', 'triggers', 'query', 'response'])
      expect(() =>
        createApp({ plugins: [{ name: 'greedy', options: { [option]: 'nearest' } }], handlers: [] }),
      ).toThrow(`Plugin greedy claims the option "${option}", which the kernel owns`)
  })
})

describe('what a plugin adds', () => {
  it('merges its options by its rule and hands the merged value to its stages', () => {
    const seen: unknown[] = []
    const tagger: Plugin = {
      name: 'tagger',
      options: { marks: 'concat' },
      stages: (route) => {
        seen.push((route.config as Record<string, unknown>).marks)
        return []
      },
    }
    const handlers = [router({ marks: ['outer'], handlers: [get('/a', { marks: ['inner'] } as object, ok)] } as never)]
    createApp({ plugins: [tagger], handlers })
    expect(seen).toEqual([['outer', 'inner']])
  })

  it('provides its dependencies app-wide (an inner layer may provide the key again) and runs its middleware after the app’s own', async () => {
    const Greeting = dependency<string>('greeting')
    const order: string[] = []
    const plugin: Plugin = {
      name: 'greeter',
      dependencies: [provide(Greeting, () => 'from the plugin')],
      middleware: [
        middleware({ name: 'plugin' }, (_ctx, next) => {
          order.push('plugin')
          return next()
        }),
      ],
    }
    const say = get('/say', { inject: { greeting: Greeting } }, ({ deps }) => ({ said: deps.greeting }))
    const app = createApp({
      plugins: [plugin],
      middleware: [
        middleware({ name: 'app' }, (_ctx, next) => {
          order.push('app')
          return next()
        }),
      ],
      handlers: [
        say,
        router({ path: '/inner', dependencies: [provide(Greeting, () => 'from a router')], handlers: [say] }),
      ],
    })
    const client = testClient(app, { env })
    expect(await (await client.fetch('/say')).json()).toEqual({ said: 'from the plugin' })
    expect(await (await client.fetch('/inner/say')).json()).toEqual({ said: 'from a router' })
    expect(order).toEqual(['app', 'plugin', 'app', 'plugin'])
  })

  it('runs its before-middleware ahead of the app’s own, in plugin order, on routes and on unmatched paths', async () => {
    const order: string[] = []
    const step = (name: string) =>
      middleware({ name }, (_ctx, next) => {
        order.push(name)
        return next()
      })
    const first: Plugin = { name: 'first', before: [step('first.before')], middleware: [step('first.after')] }
    const second: Plugin = { name: 'second', before: [step('second.before')] }
    const app = createApp({ plugins: [first, second], middleware: [step('app')], handlers: [get('/a', ok)] })
    const client = testClient(app, { env })
    expect((await client.fetch('/a')).status).toBe(200)
    expect(order).toEqual(['first.before', 'second.before', 'app', 'first.after'])
    order.length = 0
    expect((await client.fetch('/nowhere')).status).toBe(404)
    expect(order).toEqual(['first.before', 'second.before', 'app', 'first.after'])
  })

  it('fails closed with a 503 problem when a binding it requires is missing, and serves once it is there', async () => {
    const Db = dependency<SqlDatabase>('db')
    const app = createApp({
      plugins: [d1Session({ key: Db, binding: (e) => e.DB }), events({ listeners: [], queue: (e) => e.EVENTS })],
      handlers: [post('/write', ok)],
    })
    const errors: string[] = []
    const original = console.error
    console.error = (line: string) => errors.push(line)
    try {
      const { DB: _db, ...withoutDb } = env
      const refused = await testClient(app, { env: withoutDb as typeof env }).fetch('/write', { method: 'POST' })
      expect(refused.status).toBe(503)
      expect(refused.headers.get('content-type')).toBe('application/problem+json')
      expect(errors.join('\n')).toContain('d1Session: the D1 binding')
    } finally {
      console.error = original
    }
    expect((await testClient(app, { env }).fetch('/write', { method: 'POST' })).status).toBe(201)
  })
  it('instruments unmatched answers through the code its defineInstrument brings, every instrument outermost first', async () => {
    const seen: string[] = []
    const named = (plugin: string): Plugin => ({
      name: plugin,
      instrument: defineInstrument((kind, name, part) => (...args) => {
        if (kind === 'request') seen.push(`${plugin} ${name}`)
        return part(...args)
      }),
    })
    const app = createApp({ plugins: [named('outer'), named('inner')], handlers: [get('/a', ok)] })
    const client = testClient(app, { env })
    expect((await client.fetch('/nowhere')).status).toBe(404)
    expect((await client.fetch('/a', { method: 'POST' })).status).toBe(405)
    expect((await client.fetch('/a', { method: 'OPTIONS' })).status).toBe(204)
    expect(seen).toEqual([
      'outer unmatched 404',
      'inner unmatched 404',
      'outer unmatched 405',
      'inner unmatched 405',
      'outer unmatched OPTIONS',
      'inner unmatched OPTIONS',
    ])
    // @ts-expect-error: an instrument is made by defineInstrument, which brings the unmatched parts.
    const plain: Plugin = { name: 'plain', instrument: (_kind, _name, part) => part }
    expect(plain.name).toBe('plain')
  })
})
