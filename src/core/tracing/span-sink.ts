/** An attribute value a span holds. */
export type SpanValue = string | number | boolean

/** What the tracing plugin does to a span: the part of the runtime's `Span` it uses. */
export interface SpanLike {
  setAttribute(key: string, value: SpanValue): unknown
  setStatus?(status: { code: 'unset' | 'ok' | 'error'; message?: string }): unknown
}

/**
 * Where spans go. `enter` runs `fn` inside a new span, a child of the span active where it is called, and ends it
 * when `fn` returns or its promise settles: the shape of the runtime's `tracing.enterSpan`, which `nativeSpans`
 * passes through; `recordSpans` (edgestar/testing) keeps the tree for a test.
 */
export interface SpanSink {
  enter<T>(name: string, fn: (span: SpanLike) => T): T
}
