import type { RequestContext } from '../kernel/context'
import { defineInstrument } from '../kernel/define-instrument'
import type { Plugin } from '../kernel/plugin'

/** Options of `requestMetrics`. */
export interface RequestMetricsOptions<Env = Cloudflare.Env> {
  /** The Workers Analytics Engine dataset each request writes one data point to. */
  readonly dataset: (env: Env) => AnalyticsEngineDataset | undefined
}

/** What one request's data point holds, in the order of the dataset's columns (see docs/operations.md). */
export interface RequestMetric {
  /** The route template (`/posts/:id`), never the path: bounded cardinality, no ids or tokens; `unmatched` for a 404/405/OPTIONS no route served. */
  readonly route: string
  readonly method: string
  readonly status: number
  readonly durationMs: number
  /** From `Cache-Status`: `hit`, `miss`, `stale`, `bypass`, or `none` where no cache answered. */
  readonly cache: string
  /** `limited` (429), `allowed` (a `RateLimit` header), or `none` where no limit applied. */
  readonly limiter: string
  /** The Cloudflare location that served it (`request.cf.colo`), or '' locally. */
  readonly colo: string
}

const CACHE = /;\s*(hit)\b|fwd=(uri-miss|miss|stale|bypass)/

/** The cache's decision, from the `Cache-Status` header the response cache writes. */
export function cacheStatusOf(response: Response): string {
  const m = CACHE.exec(response.headers.get('cache-status') ?? '')
  if (!m) return 'none'
  const found = m[1] ?? m[2]!
  return found === 'uri-miss' ? 'miss' : found
}

/** The rate limiter's decision, from the status and the `RateLimit` header. */
export const limiterOf = (response: Response): string =>
  response.status === 429 ? 'limited' : response.headers.has('ratelimit') ? 'allowed' : 'none'

/** The data point of one request: one index (the route, Analytics Engine's sampling key), five blobs, two doubles. */
export const dataPointOf = (m: RequestMetric): AnalyticsEngineDataPoint => ({
  indexes: [m.route],
  blobs: [m.route, m.method, m.cache, m.limiter, m.colo],
  doubles: [m.status, m.durationMs],
})

// The route of a request no route served: one value, whatever path was asked for.
const UNMATCHED = 'unmatched'

const coloOf = (ctx: RequestContext): string =>
  ((ctx.request as Request & { cf?: { colo?: unknown } }).cf?.colo as string | undefined) ?? ''

/**
 * Request metrics on Workers Analytics Engine: each request (a route's, or a 404/405/OPTIONS as `unmatched`) writes one data point (route template, method,
 * status, duration, cache status, limiter decision, location) after it answers, without waiting: a write is
 * buffered by the runtime, no round trip. A request whose env lacks the dataset is a 503 (fails closed).
 * @example createApp({ plugins: [requestMetrics({ dataset: (env) => env.REQUEST_METRICS })], handlers })
 */
export function requestMetrics<Env = Cloudflare.Env>(given: RequestMetricsOptions<Env>): Plugin {
  // The app's env type is the caller's promise; at run time ctx.env is whatever the Worker was given.
  const options = given as unknown as RequestMetricsOptions
  const write = (ctx: RequestContext, response: Response, started: number) => {
    const dataset = options.dataset(ctx.env)
    if (!dataset) return
    try {
      dataset.writeDataPoint(
        dataPointOf({
          route: ctx.route?.path ?? UNMATCHED,
          method: ctx.request.method,
          status: response.status,
          durationMs: Date.now() - started,
          cache: cacheStatusOf(response),
          limiter: limiterOf(response),
          colo: coloOf(ctx),
        }),
      )
    } catch (e) {
      // A metric never fails the request it measures.
      console.error(JSON.stringify({ level: 'error', msg: 'request metric not written', error: String(e) }))
    }
  }
  // Only the route as a whole is measured; every other part is handed back as it is, so it costs nothing.
  const instrument = defineInstrument((kind, _name, part) => {
    if (kind !== 'request') return part
    return ((...args: Parameters<typeof part>) => {
      const started = Date.now()
      const out = part(...args) as Promise<Response>
      return out.then((response) => {
        write(args[0], response, started)
        return response
      })
    }) as typeof part
  })
  return {
    name: 'requestMetrics',
    instrument,
    requires: (env) => (options.dataset(env) ? [] : ['the Analytics Engine dataset']),
  }
}
