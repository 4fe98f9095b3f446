import { dependency } from '../kernel/di'
import type { BeginRequest, IdempotencyDecision, IdempotencyObject } from './idempotency-object'
import type { StoredResponse } from './stored-response'

/**
 * Where keys are decided: one call to begin a keyed request, one to store its response (or give the key up).
 * The `idempotency` plugin provides one over its Durable Object namespace; a test may override it (a
 * ledger whose `complete` fails is the fault between a committed write and its stored response).
 */
export interface IdempotencyLedger {
  /** `caller` names the object (one per caller); `request.key` the key within it. */
  begin(caller: string, request: BeginRequest): Promise<IdempotencyDecision>
  /** Keeps the response to replay until `expiresAt` (epoch ms). */
  complete(caller: string, key: string, token: string, response: StoredResponse, expiresAt: number): Promise<boolean>
  release(caller: string, key: string, token: string): Promise<void>
}

/** Injects the request's idempotency ledger. */
export const IdempotencyLedger = dependency<IdempotencyLedger>('idempotencyLedger')

/**
 * A ledger over a namespace of `IdempotencyObject`s: one object per caller (its name the caller, hashed).
 * @example durableLedger(env.IDEMPOTENCY)
 */
export function durableLedger(namespace: DurableObjectNamespace<IdempotencyObject>): IdempotencyLedger {
  // One stub per caller for the ledger's life (a request): its begin and complete share it.
  const stubs = new Map<string, DurableObjectStub<IdempotencyObject>>()
  const stub = (caller: string) => {
    const found = stubs.get(caller) ?? namespace.getByName(caller)
    stubs.set(caller, found)
    return found
  }
  return {
    begin: async (caller, request) => (await stub(caller).begin(request)) as IdempotencyDecision,
    complete: async (caller, key, token, response, expiresAt) =>
      await stub(caller).complete(key, token, response, expiresAt),
    release: async (caller, key, token) => {
      await stub(caller).release(key, token)
    },
  }
}
