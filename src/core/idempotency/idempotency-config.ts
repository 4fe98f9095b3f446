/**
 * Retry-safe writes on a layer (the `idempotency()` plugin, `edgestar/idempotency`): a request carrying
 * `Idempotency-Key` runs once per caller and key, and repeats get the first response.
 */
export interface IdempotencyConfig {
  /** Methods that honour the header (default POST and PATCH); the layer's other routes ignore it. */
  readonly methods?: readonly ('POST' | 'PUT' | 'PATCH' | 'DELETE')[]
  /** A request without the header is a 400 problem naming it (default false: such requests run as usual). */
  readonly required?: boolean
  /** Seconds a key's record, and its stored response, is kept (default the plugin's, 24 hours). */
  readonly ttl?: number
}

declare module '../index' {
  interface PluginOptions {
    /** Idempotency keys (the `idempotency()` plugin); the nearest layer's wins, `false` turns them off below. */
    readonly idempotency?: IdempotencyConfig | false
  }
}
