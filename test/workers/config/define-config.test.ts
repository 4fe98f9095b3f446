import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineConfig, get, HttpError, middleware } from '../../../src/core'
import { testClient } from '../../../src/core/testing'
import { problem } from '../helpers'

afterEach(() => vi.restoreAllMocks())

const counted = () => {
  let parses = 0
  const config = defineConfig(
    v.pipe(
      v.object({ GREETING: v.optional(v.pipe(v.string(), v.minLength(2, 'must be 2 characters or more')), 'Hello') }),
      v.transform((vars) => {
        parses++
        return { greeting: vars.GREETING }
      }),
    ),
  )
  return { config, parses: () => parses }
}

describe('defineConfig()', () => {
  it('parses once per env object and gives the typed, defaulted output', () => {
    const { config, parses } = counted()
    const a = {}
    expect(config(a).greeting).toBe('Hello')
    expect(config(a)).toBe(config(a))
    expect(parses()).toBe(1)
    expect(config({ GREETING: 'Hi' }).greeting).toBe('Hi')
    expect(parses()).toBe(2)
  })

  it('throws a 503 naming the variable, never its value, and logs it once', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { config } = counted()
    const bad = { GREETING: 'x' }
    let thrown: unknown
    for (let i = 0; i < 3; i++) {
      try {
        config(bad)
      } catch (e) {
        thrown = e
      }
    }
    expect(thrown).toBeInstanceOf(HttpError)
    expect((thrown as HttpError).status).toBe(503)
    expect((thrown as HttpError).detail).toBe(
      "The Worker's configuration is invalid: GREETING: must be 2 characters or more",
    )
    expect((thrown as HttpError).extensions).toEqual({ variables: ['GREETING'] })
    expect(log).toHaveBeenCalledTimes(1)
    expect(String(log.mock.calls[0]![0])).toContain('GREETING')
  })

  it('makes every request of an app a 503 problem through its middleware while invalid', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { config } = counted()
    const app = createApp({
      plugins: [config.plugin],
      handlers: [get('/greet', ({ env }) => ({ message: config(env).greeting }))],
    })
    const ok = await testClient(app, { env }).fetch('/greet')
    expect(await ok.json()).toEqual({ message: 'Hello' })
    const broken = { ...env, GREETING: '!' }
    for (const path of ['/greet', '/nowhere']) {
      const res = await app.fetch(new Request(`https://api.test${path}`), broken, {} as ExecutionContext)
      expect(res.status).toBe(503)
      expect(await problem(res)).toMatchObject({ status: 503, instance: path, variables: ['GREETING'] })
    }
  })

  it('answers its 503 from the plugin before the app’s own middleware (CORS, a host check) reads the configuration', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { config } = counted()
    const ran: string[] = []
    // What an app places itself and what reads the configuration: it would throw its own 503, logged again.
    const readsConfig = middleware({ name: 'cors' }, (ctx, next) => {
      ran.push(config(ctx.env).greeting)
      return next()
    })
    const app = createApp({
      plugins: [config.plugin],
      middleware: [readsConfig],
      handlers: [get('/greet', ({ env }) => ({ message: config(env).greeting }))],
    })
    const broken = { ...env, GREETING: '!' }
    for (const path of ['/greet', '/nowhere']) {
      const res = await app.fetch(new Request(`https://api.test${path}`), broken, {} as ExecutionContext)
      expect(res.status).toBe(503)
      expect(await problem(res)).toMatchObject({ status: 503, variables: ['GREETING'] })
    }
    expect(ran).toEqual([])
    expect((await testClient(app, { env }).fetch('/greet')).status).toBe(200)
    expect(ran).toEqual(['Hello'])
  })
})
