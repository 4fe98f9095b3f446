import { editHeaders } from '../kernel/edit-headers'
import { type Middleware, middleware } from '../kernel/middleware'

/**
 * Adds `Server-Timing: <name>;dur=<ms>` with the time spent inside the middleware's layer. Workers clocks
 * advance only across I/O, so the figure is the handler's I/O wait (D1, KV, fetch), not its CPU time.
 * @example createApp({ middleware: [serverTiming()], handlers })
 */
export function serverTiming(name = 'handler'): Middleware {
  return middleware({ name: 'serverTiming' }, async function serverTiming(_ctx, next) {
    const start = performance.now()
    const response = await next()
    const entry = `${name};dur=${(performance.now() - start).toFixed(1)}`
    return editHeaders(response, (h) => h.append('server-timing', entry))
  })
}
