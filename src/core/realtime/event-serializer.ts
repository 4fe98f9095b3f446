import * as v from 'valibot'
import type { RequestContext } from '../context'
import type { ResolvedRoute } from '../route'
import { type EventProducer, eventStream } from './event-stream'
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
