import * as v from 'valibot'
import { get } from '../../core'
import { requestIdOf } from '../../core/middleware/index'

const Check = v.object({
  ok: v.boolean(),
  latencyMs: v.number(),
  error: v.optional(v.string()),
})
const healthy = {
  status: 'ok',
  version: '0.1.0',
  checks: {
    db: { ok: true, latencyMs: 2 },
    cache: { ok: true, latencyMs: 1 },
    files: { ok: true, latencyMs: 3 },
    rateLimiter: { ok: true, latencyMs: 1 },
  },
}
const Health = v.pipe(
  v.object({
    status: v.picklist(['ok', 'degraded']),
    version: v.string(),
    checks: v.object({ db: Check, cache: Check, files: Check, rateLimiter: Check }),
  }),
  v.title('Health'),
  v.metadata({ examples: [healthy] }),
)

// A binding's error can name internals (database ids, hosts): the caller learns only that the binding is
// down; the message goes to the log under the request id.
const timed = async (
  name: string,
  requestId: string | undefined,
  probe: () => Promise<unknown>,
): Promise<v.InferOutput<typeof Check>> => {
  const start = Date.now()
  try {
    await probe()
    return { ok: true, latencyMs: Date.now() - start }
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e)
    console.error(JSON.stringify({ level: 'error', msg: 'health check failed', check: name, requestId, error }))
    return { ok: false, latencyMs: Date.now() - start, error: `${name} is unavailable` }
  }
}

/**
 * Probes every binding the API needs (D1, the KV cache, R2 files, the rate-limiter Durable Object) and reports whether
 * each answered and how long it took, with the deployed version. Public and open during maintenance mode, so a load
 * balancer can poll it. 200 when all answer; 503 with the same body when one does not (its `error` names only the
 * binding; the cause is logged under the request id).
 * @summary Service health and each binding’s status
 */
export const health = get(
  '/health',
  {
    tags: ['health'],
    response: Health,
    responses: {
      503: {
        description: 'A binding is down',
        schema: Health,
        // The healthy example with its files check down.
        example: {
          ...healthy,
          status: 'degraded',
          checks: { ...healthy.checks, files: { ok: false, latencyMs: 5000, error: 'unavailable' } },
        },
      },
    },
  },
  async (ctx) => {
    const { env } = ctx
    const id = requestIdOf(ctx)
    const [db, cache, files, rateLimiter] = await Promise.all([
      timed('db', id, () => env.DB.prepare('SELECT 1').first()),
      timed('cache', id, () => env.CACHE.get('health:probe')),
      timed('files', id, () => env.FILES.head('health:probe')),
      timed('rateLimiter', id, () => env.RATE_LIMITER.getByName('health').ping()),
    ])
    const checks = { db, cache, files, rateLimiter }
    const ok = Object.values(checks).every((c) => c.ok)
    const body = { status: ok ? ('ok' as const) : ('degraded' as const), version: env.APP_VERSION, checks }
    return ok ? body : Response.json(body, { status: 503 })
  },
)
