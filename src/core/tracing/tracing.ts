import type { RequestContext } from '../kernel/context'
import { defineInstrument } from '../kernel/define-instrument'
import type { PartKind } from '../kernel/instrument'
import type { Plugin } from '../kernel/plugin'
import { requestIdOf } from '../kernel/request-id'
import { nativeSpans } from './native-spans'
import { type AroundCall, observeBindings } from './observe-bindings'
import { d1RowsOf } from './observe-d1'
import type { SpanLike, SpanSink } from './span-sink'

/** Options of `tracing`. */
export interface TracingOptions {
  /** Where spans go; the runtime's own tracing unless named (a test passes `recordSpans(...).sink`). */
  readonly sink?: SpanSink
}

const failed = (span: SpanLike, e: unknown) => {
  span.setAttribute('error', true)
  span.setStatus?.({ code: 'error', message: e instanceof Error ? e.message : String(e) })
}

/** Runs `run` and settles the span's closing attributes from what it returned, or marks it failed. */
function settle<T>(span: SpanLike, run: () => T, done?: (value: T) => void): T {
  let out: T
  try {
    out = run()
  } catch (e) {
    failed(span, e)
    throw e
  }
  if (!(out instanceof Promise)) {
    done?.(out)
    return out
  }
  return out.then(
    (value: Awaited<T>) => {
      done?.(value as T)
      return value
    },
    (e: unknown) => {
      failed(span, e)
      throw e
    },
  ) as T
}

/** The attributes a route's outermost span carries: what was asked, which route served it, how it ended. */
function requestDone(span: SpanLike, ctx: RequestContext, value: unknown): void {
  if (!(value instanceof Response)) return
  span.setAttribute('http.response.status_code', value.status)
  const id = requestIdOf(ctx)
  if (id) span.setAttribute('request.id', id)
}

/**
 * A span per stage, middleware, guard, provider, handler and binding call of every route, on the runtime's native
 * tracing (`tracing.enterSpan`, exported with `[observability.traces]`): the route's span carries its template,
 * method, status and request id (a request no route serves opens `request unmatched 404`, `... 405` or
 * `... OPTIONS`, without a template); a D1 call its binding, where it may run (primary or replica) and the rows it
 * read and wrote. Without the plugin nothing is wrapped: routes compile as if tracing did not exist.
 * @example createApp({ plugins: [tracing()], handlers })
 */
export function tracing(options: TracingOptions = {}): Plugin {
  const sink = options.sink ?? nativeSpans()
  const instrument = defineInstrument(
    (kind: PartKind, name, part) =>
      ((...args: Parameters<typeof part>) =>
        sink.enter(`${kind} ${name}`, (span) => {
          const ctx = args[0]
          if (kind === 'request') {
            span.setAttribute('http.request.method', ctx.request.method)
            // A request no route served (404, 405, OPTIONS) has no template: its span is named for the outcome.
            if (ctx.route) span.setAttribute('http.route', ctx.route.path)
          }
          return settle(
            span,
            () => part(...args),
            kind === 'request' ? (value) => requestDone(span, ctx, value) : undefined,
          )
        })) as typeof part,
  )

  const around: AroundCall = (call, run) =>
    sink.enter(`${call.kind} ${call.binding}.${call.method}`, (span) => {
      span.setAttribute('binding.name', call.binding)
      span.setAttribute('binding.method', call.method)
      if (call.kind !== 'd1') return settle(span, run)
      span.setAttribute('db.system', 'cloudflare-d1')
      if (call.d1) span.setAttribute('d1.target', call.d1)
      if (call.sql) span.setAttribute('db.statement', call.sql)
      return settle(span, run, (result) => {
        const rows = d1RowsOf(result)
        span.setAttribute('d1.rows_read', rows.read)
        span.setAttribute('d1.rows_written', rows.written)
      })
    })
  // One traced env per env object: an isolate's requests share theirs, so the wrappers are made once.
  const traced = new WeakMap<object, Cloudflare.Env>()
  const env = (real: Cloudflare.Env): Cloudflare.Env => {
    let wrapped = traced.get(real)
    if (!wrapped) {
      wrapped = observeBindings(real, around).env
      traced.set(real, wrapped)
    }
    return wrapped
  }
  return { name: 'tracing', instrument, env }
}
