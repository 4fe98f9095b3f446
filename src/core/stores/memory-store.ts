import { checkTtl, childPrefix, type SetOptions, type Store, type StoreDefinition, type StoreRules } from './store'

/** An isolate's memory: expiries down to a second, visible at once (but only in this isolate). */
export const MEMORY_RULES: StoreRules = { minTtl: 1 }

interface Entry {
  readonly value: string
  /** Expiry in epoch milliseconds. */
  readonly expires?: number
}

/** A Store in a Map: for tests and per-isolate caches. Each isolate has its own, so never for shared state. */
export class MemoryStore implements Store {
  readonly rules = MEMORY_RULES

  constructor(
    private readonly map: Map<string, Entry> = new Map(),
    readonly prefix = '',
  ) {}

  private live(key: string): Entry | undefined {
    const entry = this.map.get(this.prefix + key)
    if (entry?.expires !== undefined && entry.expires <= Date.now()) {
      this.map.delete(this.prefix + key)
      return undefined
    }
    return entry
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<void> {
    if (options.ttl !== undefined) checkTtl(MEMORY_RULES, options.ttl, `memory key "${this.prefix + key}"`)
    const expires = options.ttl === undefined ? undefined : Date.now() + options.ttl * 1000
    this.map.set(this.prefix + key, { value, expires })
  }

  async delete(key: string): Promise<void> {
    this.map.delete(this.prefix + key)
  }

  async deleteAll(): Promise<void> {
    for (const key of [...this.map.keys()]) if (key.startsWith(this.prefix)) this.map.delete(key)
  }

  async exists(key: string): Promise<boolean> {
    return this.live(key) !== undefined
  }

  async expiresIn(key: string): Promise<number | null> {
    const entry = this.live(key)
    return entry?.expires === undefined ? null : Math.max(0, Math.ceil((entry.expires - Date.now()) / 1000))
  }

  namespace(ns: string): Store {
    return new MemoryStore(this.map, childPrefix(this.prefix, ns))
  }
}

/**
 * Defines an in-memory store. Its data lives as long as the isolate: a cache, never the source of truth.
 * @example const stores = defineStores({ responseCache: memoryStore() })
 */
export function memoryStore(options: { namespace?: string } = {}): StoreDefinition {
  const prefix = options.namespace ? childPrefix('', options.namespace) : ''
  // The map belongs to the definition, so every request in this isolate shares it; that is the point of a cache.
  const map = new Map<string, Entry>()
  return { kind: 'memory', rules: MEMORY_RULES, open: () => new MemoryStore(map, prefix) }
}
