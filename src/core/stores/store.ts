/** Options of one write. */
export interface SetOptions {
  /** Seconds until the value expires; omitted means the store's default (or never, where allowed). */
  readonly ttl?: number
}

/** What a backend promises; checked against configuration when the app is built. */
export interface StoreRules {
  /** Shortest expiry the backend accepts, in seconds (KV: 60). */
  readonly minTtl: number
}

/**
 * A key-value store: the layer behind response caching, sessions and similar state. Values are strings;
 * keys are scoped to the store's namespace.
 * @example await store.set('greeting', 'hi', { ttl: 300 }); await store.get('greeting') // 'hi'
 */
export interface Store {
  readonly rules: StoreRules
  /** The namespace prefix every key is stored under ('' at the root). */
  readonly prefix: string
  get(key: string): Promise<string | null>
  set(key: string, value: string, options?: SetOptions): Promise<void>
  delete(key: string): Promise<void>
  /** Deletes every key in this namespace (lists them: an administrative operation, not a hot path). */
  deleteAll(): Promise<void>
  exists(key: string): Promise<boolean>
  /** Seconds until the key expires, or null when it is missing or never expires. */
  expiresIn(key: string): Promise<number | null>
  /** The same store scoped to a child namespace: `ns` keys live under `<prefix><ns>:`. */
  namespace(ns: string): Store
}

/** A named store's definition: its rules (known at app construction) and how to open it for a request's env. */
export interface StoreDefinition<Env = Cloudflare.Env> {
  readonly kind: string
  readonly rules: StoreRules
  /** Opens the store on a request's bindings; cheap, called per request. */
  open(env: Env): Store
}

/** Throws when a ttl breaks a store's rules; shared by construction-time checks and writes. */
export function checkTtl(rules: StoreRules, ttl: number, what: string): void {
  if (!Number.isInteger(ttl) || ttl <= 0) throw new RangeError(`${what}: ttl must be a whole number of seconds`)
  if (ttl < rules.minTtl)
    throw new RangeError(`${what}: ttl ${ttl} s is below this store's minimum of ${rules.minTtl} s`)
}

/** Joins a namespace onto a prefix; namespaces may not contain ':' so they cannot collide. */
export function childPrefix(prefix: string, ns: string): string {
  if (!ns || ns.includes(':')) throw new Error(`Store namespace "${ns}" must be non-empty and contain no ':'`)
  return `${prefix}${ns}:`
}
