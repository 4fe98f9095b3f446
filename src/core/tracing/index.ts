// `edgestar/tracing`: a span per stage, guard, provider, handler and binding call on the Workers runtime's own
// tracing. Imports `cloudflare:workers`, so it runs in a Worker (or workerd tests) only, like `edgestar/workers`.
export { nativeSpans } from './native-spans'
export type { SpanLike, SpanSink, SpanValue } from './span-sink'
export { type TracingOptions, tracing } from './tracing'
