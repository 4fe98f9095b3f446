import type { Injector } from './injector'

/**
 * What resolves a request's dependencies (`Injector`), set by `provide()`: a dependency resolves only through a
 * provider, and every provider is made by `provide()`, so an app without one bundles none of it. Set once per
 * isolate, never per request.
 */
export const injection: { injector?: Injector } = {}
