import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, dependency, get, guard, provide } from '../../../src/core'
import { Context } from '../../../src/core/kernel/request-context'
import { testClient } from '../../../src/core/testing'

const Value = dependency<string>('value')

// Every name the request context has, its internals included, plus names that are special to objects.
const probe = new Context(new Request('https://api.test/'), {} as Cloudflare.Env, {} as ExecutionContext, '/')
const contextNames = new Set<string>([
  ...Object.getOwnPropertyNames(probe),
  ...Object.getOwnPropertyNames(Context.prototype),
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'then',
])

const probeHeader = { 'x-probe': { description: 'Set through ctx.responseHeaders' } }

describe('injections live in their own object', () => {
  it('knows the context names it is checked against', () => {
    for (const name of [
      'request',
      'env',
      'params',
      'body',
      'deps',
      'segments',
      'providers',
      'root',
      'addedHeaders',
      'resolve',
    ])
      expect(contextNames.has(name), name).toBe(true)
  })

  for (const name of contextNames) {
    it(`accepts an injection named "${name}" in a handler, a guard and a provider`, async () => {
      const inject = { [name]: Value } as Record<string, typeof Value>
      const seen: string[] = []
      const check = guard({ inject }, ({ deps }) => {
        seen.push(Object.getOwnPropertyDescriptor(deps, name)?.value as string)
      })
      const Derived = dependency<string>('derived')
      const app = createApp({
        dependencies: [
          provide(Value, () => `value of ${name}`),
          provide(
            Derived,
            { inject },
            ({ deps }) => `derived from ${Object.getOwnPropertyDescriptor(deps, name)?.value}`,
          ),
        ],
        guards: [check],
        handlers: [
          get('/probe', { inject: { ...inject, derived: Derived }, successHeaders: probeHeader }, (ctx) => {
            const deps = ctx.deps as Record<string, unknown>
            ctx.responseHeaders.set('x-probe', 'set')
            return {
              own: Object.getOwnPropertyDescriptor(deps, name)?.value,
              derived: deps.derived,
              path: ctx.path,
            }
          }),
        ],
      })
      const res = await testClient(app, { env }).fetch('/probe')
      expect(res.status).toBe(200)
      expect(res.headers.get('x-probe')).toBe('set')
      expect(await res.json()).toEqual({
        own: `value of ${name}`,
        derived: `derived from value of ${name}`,
        path: '/probe',
      })
      expect(seen).toEqual([`value of ${name}`])
    })
  }
})
