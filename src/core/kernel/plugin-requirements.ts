import { HttpError } from './errors'
import { type Middleware, middleware } from './middleware'
import type { Plugin } from './plugin'

/**
 * The middleware that checks, once per `env`, that every plugin finds the bindings and secrets it requires:
 * a missing one answers 503 (fail closed) and logs the plugin and the names, never what they hold.
 */
export function requirementsOf(plugins: readonly Plugin[]): Middleware | undefined {
  const requiring = plugins.filter((p) => p.requires)
  if (!requiring.length) return undefined
  const ready = new WeakSet<object>()
  // It declares its 503, so every operation of the app documents the answer it may get while unconfigured.
  return middleware({ name: 'pluginRequirements', errors: [503] }, async function pluginRequirements(ctx, next) {
    if (!ready.has(ctx.env as object)) {
      const missing = requiring.flatMap((p) => p.requires!(ctx.env).map((name) => `${p.name}: ${name}`))
      if (missing.length) {
        console.error(JSON.stringify({ level: 'error', event: 'plugin-requirements-missing', missing }))
        throw new HttpError(503, { detail: 'The service is not fully configured; try again later' })
      }
      ready.add(ctx.env as object)
    }
    return next()
  })
}
