import type { Instrument, WrapPart } from './instrument'
import { instrumentUnmatched } from './instrument-unmatched'

/**
 * A plugin's `instrument`: `wrap(kind, name, part)` is called once per part when a route is compiled and returns
 * what runs in its place. The answer to a request no route serves is a `request` part too, named for its outcome
 * (`unmatched 404`, `unmatched 405`, `unmatched OPTIONS`; `ctx.route` unset): what makes it so comes with this
 * call, so an app whose plugins instrument nothing bundles none of it.
 * @example const plugin: Plugin = { name: 'timing', instrument: defineInstrument((kind, name, part) => part) }
 */
export function defineInstrument(wrap: WrapPart): Instrument {
  return Object.assign(wrap, { unmatched: instrumentUnmatched, all })
}

/** Instruments as one: each part is wrapped by the last, then by each before it, so the first is outermost. */
const all = (instruments: readonly Instrument[]): Instrument =>
  defineInstrument((kind, name, part) => instruments.reduceRight((inner, wrap) => wrap(kind, name, inner), part))
