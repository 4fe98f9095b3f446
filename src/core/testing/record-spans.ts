import type { SpanLike, SpanSink, SpanValue } from '../tracing/span-sink'

/** A span as the recorder kept it: its name, attributes, status, children in the order they began. */
export interface RecordedSpan {
  readonly name: string
  readonly attributes: Record<string, SpanValue>
  readonly children: RecordedSpan[]
  status?: 'ok' | 'error' | 'unset'
  ended: boolean
}

/** A sink that keeps every span's tree, for a test to assert. */
export interface SpanRecorder {
  /** Hand it to `tracing({ sink })`. */
  readonly sink: SpanSink
  /** The spans that began with no span active, each with its tree. */
  readonly roots: readonly RecordedSpan[]
  /** Forgets what was recorded. */
  clear(): void
}

/** The part of the runtime's `tracing` the recorder needs: its spans follow the request's async context. */
type RuntimeTracing = Pick<Tracing, 'enterSpan' | 'getActiveSpan'>

/**
 * Records spans as a tree. Parents come from the runtime's own active span (`tracing` from `cloudflare:workers`,
 * which local workerd tracks across awaits even though it exports nothing), so a span opened after an await is
 * still its opener's child. Each span also goes to the runtime as usual.
 * @example const spans = recordSpans(tracing); const app = createApp({ plugins: [tracing({ sink: spans.sink })], handlers })
 */
export function recordSpans(runtime: RuntimeTracing): SpanRecorder {
  let roots: RecordedSpan[] = []
  const recorded = new WeakMap<object, RecordedSpan>()
  const sink: SpanSink = {
    enter(name, fn) {
      const active = runtime.getActiveSpan()
      const parent = active ? recorded.get(active) : undefined
      return runtime.enterSpan(name, (native) => {
        const span: RecordedSpan = { name, attributes: {}, children: [], ended: false }
        recorded.set(native, span)
        ;(parent ? parent.children : roots).push(span)
        const handle: SpanLike = {
          setAttribute(key, value) {
            span.attributes[key] = value
            native.setAttribute(key, value)
          },
          setStatus(status) {
            span.status = status.code
            native.setStatus(status)
          },
        }
        const end = () => {
          span.ended = true
        }
        const out = fn(handle)
        if (out instanceof Promise) out.then(end, end)
        else end()
        return out
      })
    },
  }
  return {
    sink,
    get roots() {
      return roots
    },
    clear() {
      roots = []
    },
  }
}
