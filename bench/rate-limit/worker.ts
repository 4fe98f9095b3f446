export { RateLimiter } from '../../src/app/rate-limit/rate-limiter'

/**
 * One decision per request through ONE Durable Object, as a hot identifier would hit it. Today the object
 * only answers `ping`; when the limiter's decision method lands on main, call it here instead.
 */
export default {
  async fetch(_request: Request, env: Cloudflare.Env): Promise<Response> {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName('bench'))
    return Response.json({ answer: await stub.ping() })
  },
}
