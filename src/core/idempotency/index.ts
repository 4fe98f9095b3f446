// `edgestar/idempotency`: retry-safe writes with `Idempotency-Key` (docs/idempotency.md). The object's class is in
// `edgestar/workers`.
export { type IdempotencyOptions, idempotency } from './idempotency'
export type { IdempotencyConfig } from './idempotency-config'
export { KEY_PATTERN, MAX_KEY_LENGTH, readIdempotencyKey } from './idempotency-key'
export type { BeginRequest, IdempotencyDecision, IdempotencyObject } from './idempotency-object'
export { idempotencyRecord } from './idempotency-record'
export { durableLedger, IdempotencyLedger } from './ledger'
export { REPLAYED, type StoredResponse } from './stored-response'

declare module '../index' {
  interface EnvFactories<Env> {
    idempotency: (options: import('./idempotency').IdempotencyOptions<Env>) => import('../kernel/plugin').Plugin
  }
}
