import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { type App, defineConfig, dependency, type Router, withEnv } from '../../src/core'
import * as auth from '../../src/core/auth'
import { bearerJwt, cookieSession, d1SessionStore, httpBasic } from '../../src/core/auth'
import { recordWrite, writeRecorder } from '../../src/core/cache'
import * as data from '../../src/core/data'
import { d1Session, type SqlDatabase } from '../../src/core/data'
import * as eventsEntry from '../../src/core/events'
import { emit, event, events } from '../../src/core/events'
import { versioned } from '../../src/core/http'
import type { IdempotencyObject } from '../../src/core/idempotency'
import * as idem from '../../src/core/idempotency'
import * as metrics from '../../src/core/metrics'
import * as limits from '../../src/core/rate-limit'
import { type RateLimiterObject, rateLimit } from '../../src/core/rate-limit'
import * as storesEntry from '../../src/core/stores'
import { defineStores, kvStore } from '../../src/core/stores'

// A Worker's own bindings, unrelated to the Cloudflare.Env this repository's wrangler.toml generates.
interface Env {
  readonly JWT_SECRET: string
  readonly LIMITER: DurableObjectNamespace<RateLimiterObject>
  readonly CACHE: KVNamespace
  readonly STORE: D1Database
  readonly GREETING: string
  readonly IDEMPOTENCY: DurableObjectNamespace<IdempotencyObject>
  readonly METRICS: AnalyticsEngineDataset
}
interface Principal {
  readonly id: number
}

const { get, post, router, guard, provide, middleware, createApp, bind } = withEnv<Env>()

const bearer = bearerJwt({
  secret: (env: Env) => env.JWT_SECRET,
  issuer: 'me',
  audience: 'me',
  principal: (claims, { env }): Principal => ({ id: env.GREETING.length + Number(claims.sub) }),
})

describe('withEnv<Env>() and one annotation reach every block that takes env', () => {
  it('binds the kernel factories, router and middleware included', () => {
    const hello = get('/hello', {}, ({ env }) => {
      expectTypeOf(env).toEqualTypeOf<Env>()
      return env.GREETING
    })
    const timing = middleware({ name: 'timing' }, (ctx, next) => {
      expectTypeOf(ctx.env.GREETING).toBeString()
      return next()
    })
    const Greeting = dependency<string>('greeting')
    const greets = router({
      middleware: [timing],
      dependencies: [provide(Greeting, ({ env }) => env.GREETING)],
      handlers: [hello],
    })
    expectTypeOf(greets).toEqualTypeOf<Router>()
    expectTypeOf(createApp({ handlers: [greets] })).toEqualTypeOf<App<Env>>()
    guard({}, ({ env }) => {
      expectTypeOf(env).toEqualTypeOf<Env>()
    })
  })

  it('types auth secrets, and what the scheme gives back, by the same Env', () => {
    // @ts-expect-error JWT_SECRETS is not one of Env's bindings
    bearerJwt({ secret: (env: Env) => env.JWT_SECRETS, issuer: 'i', audience: 'a', principal: () => 1 })
    post('/login', {}, ({ env }) => bearer.sign(env, { sub: '1' }, 60))
    expectTypeOf(bearer.sign).parameter(0).toEqualTypeOf<Env>()
    httpBasic({ realm: 'ops', credentials: (env: Env) => ({ username: 'ops', password: env.JWT_SECRET }) })
    // @ts-expect-error nor is METRICS_PASSWORD
    httpBasic({ realm: 'ops', credentials: (env: Env) => ({ username: 'ops', password: env.METRICS_PASSWORD }) })
    const sessions = cookieSession({ store: d1SessionStore((env: Env) => env.STORE), principal: (s) => s.subject })
    post('/session', {}, (ctx) => sessions.start(ctx, 'ada'))
  })

  it('types rate-limit, store, D1 session and queue bindings', () => {
    rateLimit({ binding: (env: Env) => env.LIMITER, limitFor: (p, env) => p.limit + env.GREETING.length })
    // @ts-expect-error CACHE is a KV namespace, not a limiter
    rateLimit({ binding: (env: Env) => env.CACHE })
    const stores = defineStores({ cache: kvStore({ binding: (env: Env) => env.CACHE }) })
    get('/s', {}, ({ env }) => void stores.open('cache', env))
    // @ts-expect-error STORE is a D1 database, not a KV namespace
    kvStore({ binding: (env: Env) => env.STORE })
    d1Session({ key: dependency<SqlDatabase>('db'), binding: (env: Env) => env.STORE })
    // @ts-expect-error no QUEUE binding
    events({ listeners: [], queue: (env: Env) => env.QUEUE })
  })

  it('reads configuration from any env object', () => {
    const config = defineConfig(v.object({ GREETING: v.string() }))
    get('/c', {}, ({ env }) => config(env).GREETING)
  })
})

describe('a scheme that requires a principal gives handlers a non-null one', () => {
  it('types `authenticated` as the principal, `principal` as nullable', () => {
    const me = get('/me', { inject: { me: bearer.authenticated, maybe: bearer.principal } }, ({ deps }) => {
      expectTypeOf(deps.me).toEqualTypeOf<Principal>()
      expectTypeOf(deps.maybe).toEqualTypeOf<Principal | null>()
      return deps.me.id
    })
    router({ dependencies: [...bearer.dependencies], guards: [bearer.required()], handlers: [me] })
  })
})

describe('bind(entry) types a feature entry by the same Env, with no annotation', () => {
  it("types the literal `secret: (env) => env.JWT_SECRET`, and passes the entry's other exports through", () => {
    const { bearerJwt: typedBearer, firstOf, InvalidCredentials } = bind(auth)
    const scheme = typedBearer({
      secret: (env) => env.JWT_SECRET,
      issuer: 'me',
      audience: 'me',
      principal: (claims): Principal => ({ id: Number(claims.sub) }),
    })
    expectTypeOf(scheme.sign).parameter(0).toEqualTypeOf<Env>()
    expectTypeOf(firstOf).toEqualTypeOf(auth.firstOf)
    expectTypeOf(InvalidCredentials).toEqualTypeOf(auth.InvalidCredentials)
    // @ts-expect-error JWT_SECRETS is not one of Env's bindings
    typedBearer({ secret: (env) => env.JWT_SECRETS, issuer: 'i', audience: 'a', principal: () => 1 })
    bind(auth).httpBasic({ realm: 'ops', credentials: (env) => ({ username: 'ops', password: env.JWT_SECRET }) })
    bind(auth).cookieSession({ store: bind(auth).d1SessionStore((env) => env.STORE), principal: (s) => s.subject })
  })

  it('types rate-limit, store, D1 session and queue bindings the same way', () => {
    bind(limits).rateLimit({ binding: (env) => env.LIMITER })
    // @ts-expect-error CACHE is a KV namespace, not a limiter
    bind(limits).rateLimit({ binding: (env) => env.CACHE })
    const registry = bind(storesEntry).defineStores({
      cache: bind(storesEntry).kvStore({ binding: (env) => env.CACHE }),
    })
    expectTypeOf(registry.open).parameter(1).toEqualTypeOf<Env>()
    // @ts-expect-error STORE is a D1 database, not a KV namespace
    bind(storesEntry).kvStore({ binding: (env) => env.STORE })
    bind(data).d1Session({ key: dependency<SqlDatabase>('db'), binding: (env) => env.STORE })
    // @ts-expect-error no QUEUE binding
    bind(eventsEntry).events({ listeners: [], queue: (env) => env.QUEUE })
    bind(idem).idempotency({ binding: (env) => env.IDEMPOTENCY })
    // @ts-expect-error METRICS is a dataset, not the idempotency objects
    bind(idem).idempotency({ binding: (env) => env.METRICS })
    bind(metrics).requestMetrics({ dataset: (env) => env.METRICS })
  })
})

describe("the helpers a handler hands its context to take any app's context", () => {
  it('versioned, recordWrite, writeRecorder and emit accept a withEnv handler context', () => {
    get('/v', {}, (ctx) => {
      versioned(ctx, 1, { ok: true })
      recordWrite(ctx, 'todos')
      writeRecorder(ctx)(['todos:1'])
      emit(ctx, event<number>('counted'), 1)
      return 'ok'
    })
  })
})
