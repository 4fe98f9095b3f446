// `edgestar/stores`: named key-value stores with their platform's rules checked at construction.
export { KvStore, kvStore } from './kv-store'
export { MemoryStore, memoryStore } from './memory-store'
export type { SetOptions, Store, StoreDefinition, StoreRules } from './store'
export { defineStores, type OpenStores, type StoreRegistry, Stores } from './store-registry'

declare module '../index' {
  interface EnvFactories<Env> {
    kvStore: (
      options: Parameters<typeof import('./kv-store').kvStore<Env>>[0],
    ) => import('./store').StoreDefinition<Env>
    defineStores: <N extends string>(
      definitions: Readonly<Record<N, import('./store').StoreDefinition<Env>>>,
    ) => import('./store-registry').StoreRegistry<N, Env>
  }
}
