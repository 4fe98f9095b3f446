import type { RequestContext } from '../kernel/context'

/** Response caching on a layer: successful GET responses kept in the response-cache store. */
export interface CacheConfig {
  /** Seconds an entry lives; required on GET routes (at least the store's minimum, 60 s on KV). */
  readonly ttl?: number
  /** Builds the cache key; defaults to method + path + sorted query. */
  readonly key?: (ctx: RequestContext) => string | Promise<string>
  /** What else the key varies by: request header names, or 'user' for per-caller entries. */
  readonly varyBy?: readonly string[]
  /** Tags to purge this entry by; may use path params as `{id}`. */
  readonly tags?: readonly string[]
  /** On a write route: tags whose entries a successful response makes stale; may use `{id}`. */
  readonly purge?: readonly string[]
  /** Seconds downstream caches may reuse the response without asking (default 0: revalidate by ETag). */
  readonly maxAge?: number
}

declare module '../index' {
  interface PluginOptions {
    /** Response caching (the `responseCache()` plugin, `edgestar/cache`); the nearest layer's wins, `false` turns it off. */
    readonly cache?: CacheConfig | false
  }
}
