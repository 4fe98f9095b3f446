import * as v from 'valibot'
import { get } from '../../core'
import { httpBasic } from '../../core/auth'

/** The scraper's password, a secret (`wrangler secret put METRICS_PASSWORD`); unset refuses every request. */
// Typed as a string (a required secret), but a Worker deployed without it has none: callers check.
const metricsPassword = (env: Cloudflare.Env): string | undefined => env.METRICS_PASSWORD

/**
 * The metrics scraper: user `metrics`, password METRICS_PASSWORD
 * @remarks
 * HTTP Basic for the metrics scraper, a machine with one fixed credential.
 */
export const metricsAuth = httpBasic({
  realm: 'metrics',
  credentials: (env) => {
    const password = metricsPassword(env)
    return typeof password === 'string' && password.length >= 16 ? { username: 'metrics', password } : undefined
  },
})

const Metrics = v.pipe(
  v.object({ users: v.number(), activeSessions: v.number(), activeLogins: v.number() }),
  v.title('Metrics'),
  v.metadata({ examples: [{ users: 3, activeSessions: 1, activeLogins: 2 }] }),
)

/**
 * How many accounts exist, how many sessions are open and how many logins still hold a usable refresh token, read from
 * D1 on every call. Only the scraper may call it: HTTP Basic as `metrics` with the METRICS_PASSWORD secret; a Worker
 * without that secret (or with one under 16 characters) refuses every request. Reads only.
 * @summary Gauges for a metrics scraper (HTTP Basic)
 */
export const metrics = get(
  '/metrics',
  {
    tags: ['health'],
    guards: [metricsAuth.required({ name: 'metrics' })],
    dependencies: [...metricsAuth.dependencies],
    response: Metrics,
  },
  async ({ env }) =>
    (await env.DB.prepare(
      `SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM sessions) AS activeSessions,
              (SELECT COUNT(*) FROM refresh_families WHERE revoked_at IS NULL) AS activeLogins`,
    ).first<v.InferInput<typeof Metrics>>())!,
)
