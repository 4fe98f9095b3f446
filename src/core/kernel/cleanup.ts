import { disposal } from './disposal'

/** When a dependency's disposer runs: after the response (through `waitUntil`), or before it is returned. */
export type CleanupTiming = 'after' | 'before'

/** A provider's value with the work that releases it; made by `withCleanup`, unwrapped by the kernel. */
export class Cleanup<T> {
  constructor(
    readonly value: T,
    /** Releases `value`; a closure, so a `Cleanup<Repo>` is a `Cleanup<unknown>` too. */
    readonly dispose: () => unknown,
    readonly timing: CleanupTiming,
  ) {}
}

/**
 * Returned from a provider's factory: the handler gets `value`, and `dispose(value)` runs once the request is
 * answered, also when it failed, in the reverse order of making. By default it runs after the response through
 * `waitUntil`; `{ timing: 'before' }` holds the response until it has run (a transaction to commit, a lock to
 * release before the client may retry).
 * @example provide(Conn, ({ env }) => withCleanup(openConn(env), (conn) => conn.close()))
 */
export function withCleanup<T>(
  value: T,
  dispose: (value: T) => unknown,
  options?: { readonly timing?: CleanupTiming },
): Cleanup<T> {
  // The one maker of a value with a disposer brings what runs disposers: an app that makes none bundles none of it.
  disposal.after = cleanUpAfter
  return new Cleanup(value, () => dispose(value), options?.timing ?? 'after')
}

/** Something that collects a request's (or a trigger run's) disposers and hands them over once. */
export interface Disposers {
  /** Takes every disposer collected so far, emptying the list; later ones run as they are added. */
  takeCleanups(): Cleanup<unknown>[] | undefined
  waitUntil(promise: Promise<unknown>): void
}

const logFailure = (error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error))
  console.error(JSON.stringify({ level: 'error', msg: 'dependency cleanup failed', error: e.message, stack: e.stack }))
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Runs disposers newest first, one at a time; a failing one is logged and the others still run. */
export async function runCleanups(list: readonly Cleanup<unknown>[]): Promise<void> {
  for (let i = list.length - 1; i >= 0; i--) {
    const c = list[i]!
    try {
      await c.dispose()
    } catch (e) {
      logFailure(e)
    }
  }
}

/**
 * Waits for a run's outcome, then runs its disposers, newest first: `before` ones ahead of handing the outcome
 * back, then the others through `waitUntil`. A run that rejects is cleaned up too, and still rejects.
 */
export function cleanUpAfter<R>(scope: Disposers, outcome: Promise<R>): Promise<R> {
  // Most requests made nothing with a cleanup: they pay one check, no further promise.
  const finish = (): Promise<void> | undefined => {
    const list = scope.takeCleanups()
    if (!list) return undefined
    const before = list.filter((c) => c.timing === 'before')
    const after = before.length ? list.filter((c) => c.timing !== 'before') : list
    // A macrotask later: the response has been handed back by then, even when every disposer is synchronous.
    const later = () => void (after.length && scope.waitUntil(nextTask().then(() => runCleanups(after))))
    return before.length ? runCleanups(before).then(later) : later()
  }
  return outcome.then(
    (value) => {
      const pending = finish()
      return pending ? pending.then(() => value) : value
    },
    (error) => {
      const pending = finish()
      if (pending) return pending.then(() => Promise.reject(error))
      throw error
    },
  )
}
