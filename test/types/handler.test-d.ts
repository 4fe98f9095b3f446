import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { createApp, dependency, get, guard, post, provide, router, withEnv } from '../../src/core'
import { defineModel, exclude, include, partial } from '../../src/core/data'
import { sse } from '../../src/core/realtime'
import { testClient } from '../../src/core/testing'

// What the README promises about types, checked by the compiler (vitest typecheck); each @ts-expect-error
// fails the run if the error it expects stops happening.
const Id = v.pipe(v.number(), v.integer())
const Widgets = dependency<{ get(id: number): Promise<{ id: number; name: string } | undefined> }>('widgets')
const WidgetRead = v.object({ id: v.number(), name: v.string() })

const getWidget = get(
  '/:id',
  {
    params: v.object({ id: Id }),
    query: v.object({ full: v.optional(v.boolean()) }),
    inject: { widgets: Widgets },
    response: WidgetRead,
  },
  async (ctx) => {
    expectTypeOf(ctx.params).toEqualTypeOf<{ id: number }>()
    expectTypeOf(ctx.query).toEqualTypeOf<{ full?: boolean | undefined }>()
    expectTypeOf(ctx.body).toBeUndefined()
    expectTypeOf(ctx.deps.widgets.get).returns.resolves.toEqualTypeOf<{ id: number; name: string } | undefined>()
    // @ts-expect-error an injection is in deps, never on the context itself
    ctx.widgets
    return (await ctx.deps.widgets.get(ctx.params.id)) ?? { id: 0, name: '' }
  },
)

describe('a handler is typed from its own spec alone', () => {
  it('types params, query, body and deps from the spec', () => {
    expectTypeOf(getWidget.spec.inject.widgets).toEqualTypeOf(Widgets)
  })

  it('checks what the handler returns against the response schema', () => {
    // @ts-expect-error `name` must be a string
    get('/x', { response: WidgetRead }, () => ({ id: 1, name: 2 }))
    post('/y', { body: v.object({ n: v.number() }) }, ({ body }) => {
      expectTypeOf(body).toEqualTypeOf<{ n: number }>()
      // @ts-expect-error no such field in the body schema
      body.m
    })
  })

  it('types guard and provider injections', () => {
    guard({ inject: { widgets: Widgets } }, ({ deps }) => {
      expectTypeOf(deps.widgets).toEqualTypeOf<NonNullable<(typeof Widgets)['_type']>>()
    })
    const Name = dependency<string>('name')
    provide(Name, { inject: { widgets: Widgets } }, ({ deps }) => {
      expectTypeOf(deps).toHaveProperty('widgets')
      return 'ok'
    })
    // @ts-expect-error the factory must make the key's type
    provide(Name, () => 42)
  })
})

describe('bindings typed by the user', () => {
  interface Env {
    GREETING: string
    DB: D1Database
  }
  const bound = withEnv<Env>()

  it('gives handlers, guards and providers ctx.env as the app Env', () => {
    bound.get('/g', ({ env }) => expectTypeOf(env).toEqualTypeOf<Env>())
    bound.guard({}, ({ env }) => {
      expectTypeOf(env.GREETING).toBeString()
    })
    bound.provide(dependency<string>('greeting'), ({ env }) => env.GREETING)
    // @ts-expect-error not a binding of Env
    bound.get('/h', ({ env }) => env.MISSING)
  })

  it('types the Worker fetch with the app Env, Cloudflare.Env by default', () => {
    const app = bound.createApp({ handlers: [] })
    expectTypeOf(app.fetch).parameter(1).toEqualTypeOf<Env>()
    expectTypeOf(createApp({ handlers: [] }).fetch)
      .parameter(1)
      .toEqualTypeOf<Cloudflare.Env>()
    expectTypeOf(createApp<Env>({ handlers: [router({ handlers: [getWidget] })] }).fetch)
      .parameter(1)
      .toEqualTypeOf<Env>()
  })
})

describe('DTO derivations', () => {
  const User = defineModel({
    table: 'users',
    fields: { id: v.number(), name: v.string(), age: v.number(), passwordHash: v.string() },
    private: ['passwordHash'],
    generated: ['id'],
  })
  it('derives read, create and update shapes from the one model', () => {
    const Read = v.object(User.public)
    expectTypeOf<v.InferOutput<typeof Read>>().toEqualTypeOf<{ id: number; name: string; age: number }>()
    const Create = v.object(include(User.fields, ['name', 'age']))
    expectTypeOf<v.InferInput<typeof Create>>().toEqualTypeOf<{ name: string; age: number }>()
    const Update = v.object(partial(exclude(User.public, ['id'])))
    expectTypeOf<v.InferInput<typeof Update>>().toEqualTypeOf<{ name?: string | undefined; age?: number | undefined }>()
    // @ts-expect-error a private field is not in the public entries
    User.public.passwordHash
    // @ts-expect-error include takes only the model's fields
    include(User.fields, ['nope'])
  })
})

describe('the testing kit', () => {
  const app = createApp({ handlers: [getWidget] })
  const client = testClient(app, { env: {} as Cloudflare.Env })

  it('types a call per handler from its spec', async () => {
    const result = await client.call(getWidget, { params: { id: 1 }, query: { full: true } })
    // The success body, typed without a guard: reading it on a non-2xx answer throws.
    expectTypeOf(result.data).toEqualTypeOf<{ id: number; name: string }>()
    // @ts-expect-error params are required when the spec declares them
    await client.call(getWidget, {})
    // @ts-expect-error and typed by the params schema
    await client.call(getWidget, { params: { id: 'one' } })
    // @ts-expect-error the handler declares no body
    await client.call(getWidget, { params: { id: 1 }, body: {} })
  })

  it('sign-in takes the hook own notion of who', async () => {
    const auth = testClient(app, {
      env: {} as Cloudflare.Env,
      signIn: async (_c, who: { role: 'admin' | 'user' }) => ({ 'x-role': who.role }),
    })
    await auth.as({ role: 'admin' })
    // @ts-expect-error not a role the hook accepts
    await auth.as({ role: 'root' })
  })

  it('takes headers as a value or a per-request function, and hands out credentials as Headers', async () => {
    testClient(app, { env: {} as Cloudflare.Env, headers: () => ({ 'cf-connecting-ip': '192.0.2.1' }) })
    testClient(app, { env: {} as Cloudflare.Env, headers: [['x-a', '1']] })
    // @ts-expect-error a function must return headers
    testClient(app, { env: {} as Cloudflare.Env, headers: () => 42 })
    expectTypeOf(client.credentials).toEqualTypeOf<Headers>()
  })
})

describe('an event stream is typed from sse() in its spec', () => {
  it('takes only declared events with data of their schema', () => {
    const Tick = v.object({ n: v.number() })
    get('/ticks', { ...sse({ tick: Tick }, { retry: 1000 }), summary: 'ticks' }, () =>
      (async function* () {
        yield { event: 'tick' as const, data: { n: 1 } }
      })(),
    )
    get('/ticks', sse({ tick: Tick }), () =>
      // @ts-expect-error `n` must be a number
      (async function* () {
        yield { event: 'tick' as const, data: { n: 'one' } }
      })(),
    )
    get('/ticks', sse({ tick: Tick }), () =>
      // @ts-expect-error `tock` is not a declared event
      (async function* () {
        yield { event: 'tock' as const, data: { n: 1 } }
      })(),
    )
  })
})
