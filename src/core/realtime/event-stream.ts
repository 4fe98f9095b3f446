import { errorFields, logLine } from '../triggers/log-line'
import { frameComment, frameEvent, type ServerSentEvent } from './sse-frame'

/** What a producer learns about its stream: where the client left off, and when it went away. */
export interface StreamControl {
  /** The `Last-Event-ID` the client reconnected with, if any (ignored when longer than 1,024 characters). */
  readonly lastEventId: string | undefined
  /** Aborts when the client disconnects: stop producing, release what you hold. */
  readonly signal: AbortSignal
}

/** A stream's source: an async iterable of events, or a function of the stream that makes one. */
export type EventProducer<E extends ServerSentEvent = ServerSentEvent> =
  | AsyncIterable<E>
  | ((stream: StreamControl) => AsyncIterable<E>)

/** Options of an event stream. */
export interface EventStreamOptions {
  /** Milliseconds between `: heartbeat` comments while no event is sent (default 15,000; 0 disables). */
  readonly heartbeat?: number
  /** Sent first: how long a client waits before reconnecting, in milliseconds. */
  readonly retry?: number
  /** Checks (and may transform) each event before it is framed; throwing ends the stream as a bug. */
  readonly check?: (event: ServerSentEvent) => ServerSentEvent
  /** The request, for `Last-Event-ID`. */
  readonly request?: Request
  /** Where a producer's failure is reported; defaults to one JSON line on console.error. */
  readonly onError?: (error: unknown) => void
}

const MAX_EVENT_ID = 1024
const encoder = new TextEncoder()

/**
 * The `Last-Event-ID` a reconnecting client sent, or undefined (also when absurdly long).
 * @example const since = lastEventId(ctx.request)
 */
export function lastEventId(request: Request): string | undefined {
  const id = request.headers.get('last-event-id')
  return id !== null && id.length <= MAX_EVENT_ID ? id : undefined
}

const report = (error: unknown) => logLine('error', { msg: 'event stream failed', ...errorFields(error) })

/**
 * Streams events as `text/event-stream`: pulled from the producer one at a time (a slow client slows the
 * producer instead of growing a buffer), heartbeat comments while idle, and on disconnect the producer's
 * signal aborts and its iterator is returned, so its `finally` blocks run.
 * @example return eventStream(async function* () { yield { event: 'tick', data: 1 } }, { heartbeat: 10_000 })
 */
export function eventStream(producer: EventProducer, options: EventStreamOptions = {}): Response {
  const abort = new AbortController()
  const control: StreamControl = {
    lastEventId: options.request ? lastEventId(options.request) : undefined,
    signal: abort.signal,
  }
  const iterable = typeof producer === 'function' ? producer(control) : producer
  const iterator = iterable[Symbol.asyncIterator]()
  const heartbeat = options.heartbeat ?? 15_000
  const check = options.check
  const onError = options.onError ?? report
  let timer: ReturnType<typeof setInterval> | undefined
  let lastWrite = Date.now()
  let closed = false

  const stop = () => {
    if (closed) return false
    closed = true
    if (timer !== undefined) clearInterval(timer)
    abort.abort()
    return true
  }
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (options.retry !== undefined) controller.enqueue(encoder.encode(`retry: ${options.retry}\n\n`))
        if (heartbeat > 0)
          timer = setInterval(() => {
            if (closed || Date.now() - lastWrite < heartbeat / 2) return
            lastWrite = Date.now()
            controller.enqueue(encoder.encode(frameComment('heartbeat')))
          }, heartbeat)
      },
      async pull(controller) {
        try {
          const next = await iterator.next()
          if (closed) return
          if (next.done) {
            stop()
            controller.close()
            return
          }
          lastWrite = Date.now()
          controller.enqueue(encoder.encode(frameEvent(check ? check(next.value) : next.value)))
        } catch (e) {
          if (!stop()) return
          onError(e)
          controller.error(e)
          void iterator.return?.()
        }
      },
      cancel() {
        // Not awaited: a generator parked on an await only returns once that await settles; the signal ends it.
        if (stop()) void Promise.resolve(iterator.return?.()).catch(onError)
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // Never stored by a cache, never transformed (compressed, buffered) on the way.
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
    },
  })
}
