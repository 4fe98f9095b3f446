import type { AppOptions } from '../../src/core'
import { rateLimit } from '../../src/core/rate-limit'

/** Reads a problem+json body, checking its media type. */
export async function problem(response: Response): Promise<Record<string, unknown>> {
  if (response.headers.get('content-type') !== 'application/problem+json') {
    throw new Error(`expected problem+json, got ${response.headers.get('content-type')}: ${await response.text()}`)
  }
  return response.json()
}

/**
 * The session cookie a response sets (`__Host-sid`, on every origin), or null: writes also set the
 * D1 bookmark cookie, so the header holds more than one.
 */
export const sessionSetCookie = (res: Response): string | null =>
  res.headers.getSetCookie().find((c) => /^__Host-sid=/.test(c)) ?? null

/**
 * The reference API's options with its limiter at the policies' own limits: the test config raises them through
 * RATE_LIMIT_* for every other suite, since every request of a suite comes from one address.
 */
export const atProductionLimits = (api: AppOptions): AppOptions => ({
  ...api,
  plugins: (api.plugins ?? []).map((p) =>
    p.name === 'rateLimit' ? rateLimit({ binding: (env) => env.RATE_LIMITER }) : p,
  ),
})
