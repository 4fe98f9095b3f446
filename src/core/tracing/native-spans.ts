import { tracing as runtime } from 'cloudflare:workers'
import type { SpanSink } from './span-sink'

/**
 * Spans on the Workers runtime's own tracing (`tracing.enterSpan` from `cloudflare:workers`), exported with the
 * Worker's traces when `[observability.traces]` is enabled; where the runtime records nothing they cost a call.
 * @example createApp({ plugins: [tracing({ sink: nativeSpans() })], handlers })
 */
export function nativeSpans(tracing: Pick<Tracing, 'enterSpan'> = runtime): SpanSink {
  return { enter: (name, fn) => tracing.enterSpan(name, fn) }
}
