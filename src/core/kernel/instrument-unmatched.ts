import type { WrapUnmatched } from './instrument'
import type { Context } from './request-context'

/** The names the instrument sees for answers no route gives, by outcome: a span or data point is named for it. */
const UNMATCHED = { notFound: 'unmatched 404', notAllowed: 'unmatched 405', options: 'unmatched OPTIONS' }

/**
 * The answer to a request no route serves, one part per outcome (404, 405, OPTIONS), each wrapped by the instrument
 * as a request of its own. It comes with `defineInstrument`: without an instrumenting plugin, the unmatched path
 * is what it was and none of this is bundled. The outcome is known before the app's middleware runs, so the part
 * spans them too, as a route's does.
 */
export const instrumentUnmatched: WrapUnmatched = (matcher, unmatched, answerWith, instrument) => {
  const allowedOf = new WeakMap<Context, readonly string[]>()
  const part = (name: string) =>
    instrument(
      'request',
      name,
      answerWith((ctx) => unmatched(ctx, allowedOf.get(ctx) ?? matcher.allowed(ctx.path))),
    )
  const notFound = part(UNMATCHED.notFound)
  const notAllowed = part(UNMATCHED.notAllowed)
  const options = part(UNMATCHED.options)
  return (ctx) => {
    const allowed = matcher.allowed(ctx.path)
    allowedOf.set(ctx, allowed)
    if (allowed.length === 0) return notFound(ctx)
    return ctx.request.method === 'OPTIONS' ? options(ctx) : notAllowed(ctx)
  }
}
