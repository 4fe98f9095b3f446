import type { RequestContext } from '../kernel/context'

const KEY = 'cache.writtenTags'

/**
 * Records that this request changed what the tags name, so the response cache purges them once the route
 * answers 2xx: purges follow from what a route writes rather than from a list each handler keeps. Repositories
 * call it for every row they change.
 * @example recordWrite(ctx, 'users', `users:${id}`)
 */
export function recordWrite(ctx: RequestContext<unknown>, ...tags: readonly string[]): void {
  let set = ctx.state.get(KEY) as Set<string> | undefined
  if (!set) {
    set = new Set()
    ctx.state.set(KEY, set)
  }
  for (const tag of tags) set.add(tag)
}

/** The tags this request's writes recorded. */
export const writtenTags = (ctx: RequestContext<unknown>): readonly string[] => {
  const set = ctx.state.get(KEY) as Set<string> | undefined
  return set ? [...set] : []
}

/** A repository's `onWrite` that records into this request. @example new Repository(env.DB, User, { onWrite: writeRecorder(ctx) }) */
export const writeRecorder =
  (ctx: RequestContext<unknown>) =>
  (tags: readonly string[]): void =>
    recordWrite(ctx, ...tags)
