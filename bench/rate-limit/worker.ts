export { RateLimiter } from '../../src/app/rate-limit/rate-limiter'

/** A limit no run reaches: every request is a full decision (count, admit, record), none a cheap refusal. */
const LIMIT = 10_000_000
const WINDOW = 60

/** One rate-limit decision per request, all through ONE Durable Object, as a hot client would hit it. */
export default {
  async fetch(_request: Request, env: Cloudflare.Env): Promise<Response> {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName('bench'))
    const decision = await stub.hit(LIMIT, WINDOW)
    return Response.json(decision, { status: decision.allowed ? 200 : 429 })
  },
}
