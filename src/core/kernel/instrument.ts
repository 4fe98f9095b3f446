import type { RequestContext } from './context'
import type { Context } from './request-context'

/** The parts of a request an instrument sees: the whole route, each middleware, stage, guard, provider, the handler. */
export type PartKind = 'request' | 'middleware' | 'stage' | 'guard' | 'provider' | 'handler'

/**
 * Wraps one part of a route, once, when the route is compiled; the function it returns runs in the part's place on
 * every request. Every part takes the request's context first.
 */
export type WrapPart = <A extends [RequestContext, ...unknown[]], R>(
  kind: PartKind,
  name: string,
  part: (...args: A) => R,
) => (...args: A) => R

/**
 * The answer to a request no route serves, made into parts the instrument wraps as requests of their own (one per
 * outcome: 404, 405, OPTIONS); `answerWith` runs an answer through the app's middleware.
 */
export type WrapUnmatched = (
  matcher: { allowed(path: string): readonly string[] },
  unmatched: (ctx: Context, allowed: readonly string[]) => Promise<Response>,
  answerWith: (answer: (ctx: Context) => Promise<Response>) => (ctx: Context) => Promise<Response>,
  instrument: Instrument,
) => (ctx: Context) => Promise<Response>

/**
 * A plugin's instrument, made by `defineInstrument`: it wraps parts, and carries what makes the unmatched answer
 * into parts, so that code comes with the plugin that instruments. The kernel only calls it when a plugin has one,
 * so an app without one compiles exactly as it would without this hook.
 */
export type Instrument = WrapPart & {
  readonly unmatched: WrapUnmatched
  /** Several plugins' instruments, outermost first, as one (that code comes with `defineInstrument` too). */
  readonly all: (all: readonly Instrument[]) => Instrument
}
