import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, get, middleware, router } from '../../../src/core'
import { testClient } from '../../../src/core/testing'

describe('a middleware that calls next() twice', () => {
  for (const where of ['app', 'router'] as const) {
    it(`is an error on the ${where} layer, and the handler runs once`, async () => {
      let runs = 0
      const twice = middleware({ name: 'twice' }, async (_ctx, next) => {
        await next()
        return next()
      })
      const handler = get('/count', () => ({ runs: ++runs }))
      const app = createApp(
        where === 'app'
          ? { middleware: [twice], handlers: [handler] }
          : { handlers: [router({ middleware: [twice], handlers: [handler] })] },
      )
      const errors: string[] = []
      const original = console.error
      console.error = (line: string) => errors.push(line)
      try {
        const res = await testClient(app, { env }).fetch('/count')
        expect(res.status).toBe(500)
        expect(res.headers.get('content-type')).toBe('application/problem+json')
      } finally {
        console.error = original
      }
      expect(runs).toBe(1)
      expect(errors.join('\n')).toContain('Middleware twice called next() twice')
    })
  }
})
