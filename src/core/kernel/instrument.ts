import type { RequestContext } from './context'
import type { Plugin } from './plugin'
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
export type Instrument = WrapPart & { readonly unmatched: WrapUnmatched }

/** Every plugin's instrument, outermost first, as one; undefined when no plugin has one. */
export function instrumentOf(plugins: readonly Plugin[]): Instrument | undefined {
  const all = plugins.flatMap((p) => (p.instrument ? [p.instrument] : []))
  if (all.length <= 1) return all[0]
  const wrap: WrapPart = (kind, name, part) =>
    all.reduceRight((inner, instrument) => instrument(kind, name, inner), part)
  return Object.assign(wrap, { unmatched: all[0]!.unmatched })
}

/** Every plugin's env wrapper, applied in plugin order; undefined when no plugin has one. */
export function envWrapperOf(plugins: readonly Plugin[]): ((env: Cloudflare.Env) => Cloudflare.Env) | undefined {
  const all = plugins.flatMap((p) => (p.env ? [p.env] : []))
  if (all.length <= 1) return all[0]
  return (env) => all.reduce((e, wrap) => wrap(e), env)
}
