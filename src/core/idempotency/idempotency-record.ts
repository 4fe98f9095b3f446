import type { IdempotencyClaim } from '../data/insert-once'
import type { RequestContext } from '../kernel/context'

const KEY = 'idempotency.claim'

/** Hands the request's claim on its key to repositories (set by the plugin once its object says run). */
export const setClaim = (ctx: RequestContext, claim: IdempotencyClaim): void => {
  ctx.state.set(KEY, claim)
}

/** The request's claim, if it holds one. */
export const claimOf = (ctx: RequestContext): IdempotencyClaim | undefined =>
  ctx.state.get(KEY) as IdempotencyClaim | undefined

/**
 * A repository's `idempotency` option for this request: its first insert commits with the key's record, so a
 * retry after a lost response finds the row instead of adding a second one. Read at write time, so a repository
 * a guard resolved before the key was claimed still sees the claim.
 * @example new Repository(ctx.deps.db, Post, { onWrite: writeRecorder(ctx), idempotency: idempotencyRecord(ctx) })
 */
export const idempotencyRecord = (ctx: RequestContext) => (): IdempotencyClaim | undefined => claimOf(ctx)
