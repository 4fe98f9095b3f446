export { RateLimiter } from '../../src/app/rate-limit/rate-limiter'

/** A limit no run reaches: every request is a full decision (count, admit, record), none a cheap refusal. */
const LIMIT = 10_000_000
const WINDOW = 60

/** What one driven run measured, from inside workerd. */
export interface DriveResult {
  readonly decisions: number
  readonly concurrency: number
  readonly ms: number
  readonly perSecond: number
  /** Mean ms from asking to the decision, as a limited request waits for it. */
  readonly meanLatency: number
  /** The same for a no-op call on an object of the same class, as many in flight: the share that is the call. */
  readonly pingLatency: number
  readonly allowed: number
}

const elapsed = async (run: () => Promise<unknown>) => {
  // Time in workerd moves only across I/O; every Durable Object call is I/O, so these clocks are honest.
  const t0 = Date.now()
  await run()
  return Date.now() - t0
}

/**
 * Drives ONE limiter object from inside the Worker, `n` decisions with `concurrency` in flight, so the figures are
 * the object's and the call's, not an HTTP server's. `/` makes one decision (a smoke test).
 */
export default {
  async fetch(request: Request, env: Cloudflare.Env): Promise<Response> {
    const url = new URL(request.url)
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(url.searchParams.get('key') ?? 'bench'))
    if (url.pathname !== '/drive') {
      const decision = await stub.hit(LIMIT, WINDOW)
      return Response.json(decision, { status: decision.allowed ? 200 : 429 })
    }
    const n = Number(url.searchParams.get('n') ?? 2000)
    const concurrency = Number(url.searchParams.get('concurrency') ?? 1)
    let allowed = 0
    let latencies = 0
    let pingLatencies = 0
    const one = async () => {
      const t0 = Date.now()
      const d = await stub.hit(LIMIT, WINDOW)
      latencies += Date.now() - t0
      if (d.allowed) allowed++
    }
    const pinger = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName('ping'))
    const ping = async () => {
      const t0 = Date.now()
      await pinger.ping()
      pingLatencies += Date.now() - t0
    }
    const loop = (count: number, call: () => Promise<unknown>) =>
      elapsed(async () => {
        for (let done = 0; done < count; done += concurrency)
          await Promise.all(Array.from({ length: Math.min(concurrency, count - done) }, call))
      })
    await stub.hit(LIMIT, WINDOW) // the object exists and has loaded its log before timing
    const ms = await loop(n, one)
    await pinger.ping()
    const pings = Math.min(n, 1000)
    await loop(pings, ping)
    const result: DriveResult = {
      decisions: n,
      concurrency,
      ms,
      perSecond: ms > 0 ? (n / ms) * 1000 : Number.POSITIVE_INFINITY,
      meanLatency: latencies / n,
      pingLatency: pingLatencies / pings,
      allowed,
    }
    return Response.json(result)
  },
}
