import * as v from 'valibot'
import type { RequestContext } from '../kernel/context'
import type { Responder } from '../kernel/handler'
import type { ResolvedRoute } from '../kernel/route'
import { type EventProducer, eventStream } from './event-stream'
import type { StreamOptions } from './realtime-plugin'
import type { ServerSentEvent } from './sse-frame'

/**
 * Turns what an SSE handler returned into its stream: each event's type must be one the route declares and its
 * data must match that type's schema (the output is what is sent); anything else is a bug that ends the stream.
 */
export function eventSerializer(route: ResolvedRoute): (result: unknown, ctx: RequestContext) => Response {
  const events = route.spec.events ?? {}
  const where = `${route.info.method} ${route.info.path}`
  const check = (e: ServerSentEvent): ServerSentEvent => {
    const name = e.event ?? 'message'
    const schema = events[name]
    if (!schema) throw new Error(`${where} sent event "${name}", which its spec does not declare`)
    const out = v.safeParse(schema, e.data)
    if (!out.success)
      throw new Error(`Event "${name}" of ${where} does not match its schema: ${v.summarize(out.issues)}`)
    return { ...e, data: out.output }
  }
  const { heartbeat, retry } = route.spec.stream ?? {}
  return (result, ctx) => {
    if (result instanceof Response) return result
    return eventStream(result as EventProducer, { heartbeat, retry, check, request: ctx.request })
  }
}

/** One event of a stream whose types are declared in `events`. */
export type EventOf<E extends Readonly<Record<string, v.GenericSchema>>> = {
  [K in keyof E & string]: { readonly event: K; readonly data: v.InferInput<E[K]>; readonly id?: string }
}[keyof E & string]

/**
 * A handler spec's server-sent events: one schema per event type, and the responder that streams what the
 * handler returns as `text/event-stream`, each event checked against its type's schema. Spread it into the spec.
 * @example get('/live', { ...sse({ 'post.created': PostCreated }, { retry: 3000 }), summary: 'Follow posts' }, fn)
 */
export function sse<const E extends Readonly<Record<string, v.GenericSchema>>>(
  events: E,
  stream?: StreamOptions,
): { readonly events: E; readonly stream?: StreamOptions; readonly respond: Responder<EventProducer<EventOf<E>>> } {
  const respond = eventSerializer as Responder<EventProducer<EventOf<E>>>
  return stream ? { events, stream, respond } : { events, respond }
}
