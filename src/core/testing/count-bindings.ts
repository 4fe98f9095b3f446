import { type BindingKind, observeBindings } from '../tracing/observe-bindings'

/**
 * Calls per binding since the last `reset()`: a Durable Object namespace, KV, R2 or a queue by its binding name
 * (`RATE_LIMITER`, `CACHE`), D1 as `<name>:primary` and `<name>:replica` (replica-eligible).
 */
export type RoundTrips = Record<string, number>

/** An env whose storage bindings count their calls, and the counts. */
export interface CountedBindings<Env> {
  /** The env to hand the app: the same bindings, counted. */
  readonly env: Env
  /** The storage bindings found, by name. */
  readonly kinds: Readonly<Record<string, BindingKind>>
  /** The calls since the last reset; a binding never called is absent. */
  counts(): RoundTrips
  /** Starts counting afresh (call it before each request measured). */
  reset(): void
}

/**
 * Wraps an env so every call to D1 (split by primary and replica-eligible), KV, R2, queues and each Durable
 * Object namespace is counted: the round trips a request makes to storage that may live far away.
 * @example const counted = countBindings(env); const client = testClient(app, { env: counted.env }); counted.reset(); await client.fetch('/posts/1'); counted.counts() // { 'DB:replica': 1, CACHE: 1, RATE_LIMITER: 1 }
 */
export function countBindings<Env extends object>(real: Env): CountedBindings<Env> {
  let calls: Record<string, number> = {}
  const { env, kinds } = observeBindings(real, (call, run) => {
    const key = call.d1 ? `${call.binding}:${call.d1}` : call.binding
    calls[key] = (calls[key] ?? 0) + 1
    return run()
  })
  return {
    env,
    kinds,
    counts: () => ({ ...calls }),
    reset: () => {
      calls = {}
    },
  }
}
