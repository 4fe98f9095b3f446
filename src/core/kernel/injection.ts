import type { checkProviders } from './di'
import type { Injector } from './injector'

/**
 * What resolves a request's dependencies (`Injector`), set by `provide()`: a dependency resolves only through a
 * provider, and every provider is made by `provide()`, so an app without one bundles none of it. Set once per
 * isolate, never per request.
 */
export const injection: { injector?: Injector; check?: typeof checkProviders } = {}

/**
 * What `createApp` runs on the keys a route needs: with a provider made by `provide()`, the whole check (`check`,
 * which follows each provider's own injections and refuses cycles); without one, none can inject anything, so each
 * key needs a provider as it is.
 */
export function checkNeeds(
  route: string,
  needed: Iterable<{ readonly name: string }>,
  providers: ReadonlyMap<string, unknown>,
) {
  if (injection.check) return injection.check(route, needed, providers as Map<string, never>)
  for (const key of needed) if (!providers.has(key.name)) missingDependency(route, key.name)
}

/** Refuses a route whose dependency no enclosing layer provides; `chain` names what needed it, when not the route. */
export const missingDependency = (route: string, key: string, chain = ''): never => {
  throw new Error(`Route ${route} needs dependency "${key}"${chain}, but no enclosing layer provides it`)
}
