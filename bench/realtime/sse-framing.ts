import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { eventStream } from '../../src/core/realtime'
import { interleaved, type Timing } from '../sampler'

/** Events per stream: enough that framing, not setting the stream up, is most of what is timed. */
export const SSE_EVENTS = 100
const payload = { id: 42, authorId: 7, title: 'Notes on the Analytical Engine' }

const drain = async (res: Response) => {
  const reader = res.body!.getReader()
  while (!(await reader.read()).done);
}

const hono = new Hono().get('/sse', (c) =>
  streamSSE(c, async (stream) => {
    for (let i = 1; i <= SSE_EVENTS; i++)
      await stream.writeSSE({ id: String(i), event: 'post.created', data: JSON.stringify(payload) })
  }),
)

/**
 * The cost of one stream of SSE_EVENTS JSON events, made and read to the end in process: our `eventStream` (which
 * also validates nothing here: the schema check belongs to the route) beside Hono's `streamSSE`, heartbeats off.
 */
export async function sseFraming(): Promise<Record<string, Timing>> {
  return interleaved({
    ours: () =>
      drain(
        eventStream(
          async function* () {
            for (let i = 1; i <= SSE_EVENTS; i++) yield { id: String(i), event: 'post.created', data: payload }
          },
          { heartbeat: 0 },
        ),
      ),
    hono: async () => drain(await hono.request('/sse')),
  })
}
