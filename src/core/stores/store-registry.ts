import type { RequestContext } from '../kernel/context'
import { type DependencyKey, dependency, type Provider, provide } from '../kernel/di'
import type { Plugin } from '../kernel/plugin'
import type { Store, StoreDefinition } from './store'

/** A request's view of the registry: each named store opened on its bindings. */
export interface OpenStores<N extends string = string> {
  get(name: N): Store
}

/** Named store definitions, fixed when the app is built; as a plugin it provides `Stores` app-wide. */
export interface StoreRegistry<N extends string = string, Env = Cloudflare.Env> extends Plugin {
  readonly names: readonly N[]
  /** The definition of a named store (its rules are what construction-time checks read). */
  definition(name: N): StoreDefinition<Env>
  /** Opens a named store for a request. */
  open(name: N, env: Env): Store
  /** A provider of `Stores`, to put in a layer's `dependencies`. */
  provider(): Provider<OpenStores<N>>
}

/** The dependency through which handlers reach the app's named stores. */
export const Stores: DependencyKey<OpenStores> = dependency<OpenStores>('stores')

/**
 * Names the app's stores once (`responseCache`, `sessions`, ...); an unknown name throws at once.
 * @example
 * const stores = defineStores({ responseCache: kvStore({ binding: (env) => env.CACHE, namespace: 'cache' }) })
 * createApp({ plugins: [stores, responseCache({ store: stores.definition('responseCache') })], handlers })
 */
export function defineStores<N extends string, Env = Cloudflare.Env>(
  definitions: Readonly<Record<N, StoreDefinition<Env>>>,
): StoreRegistry<N, Env> {
  const names = Object.keys(definitions) as N[]
  const definition = (name: N): StoreDefinition<Env> => {
    const found = Object.hasOwn(definitions, name) ? definitions[name] : undefined
    if (!found) throw new Error(`No store named "${name}"; defined: ${names.join(', ') || 'none'}`)
    return found
  }
  const open = (name: N, env: Env) => definition(name).open(env)
  const provider = () =>
    provide(Stores, ({ env }: RequestContext) => ({ get: (name: string) => open(name as N, env as Env) })) as Provider<
      OpenStores<N>
    >
  return { name: 'stores', names, definition, open, provider, dependencies: [provider()] }
}
