// `edgestar/stores`: named key-value stores with their platform's rules checked at construction.
export { KvStore, kvStore } from './kv-store'
export { MemoryStore, memoryStore } from './memory-store'
export type { SetOptions, Store, StoreDefinition, StoreRules } from './store'
export { defineStores, type OpenStores, type StoreRegistry, Stores } from './store-registry'
