import { interleaved } from '../sampler'
import { buildHono } from './hono'
import { buildItty } from './itty'
import { buildOurs } from './ours'
import type { ScaledApp } from './shape'

/** Route counts the lookup is measured at. */
export const SIZES = [10, 100, 1000] as const
const builders: Record<string, (n: number) => ScaledApp> = { ours: buildOurs, hono: buildHono, itty: buildItty }

/** Median ns to serve the first and the last route at one size. */
export interface ScalingPoint {
  readonly routes: number
  readonly first: number
  readonly last: number
}

/**
 * Measures first- and last-route cost for every framework at every size, all interleaved per size. The
 * same Request is reused per call (these bare routers do not decorate it cumulatively), so matching is
 * not drowned by the cost of building requests.
 */
export async function measureScaling(): Promise<Record<string, ScalingPoint[]>> {
  const out: Record<string, ScalingPoint[]> = Object.fromEntries(Object.keys(builders).map((n) => [n, []]))
  for (const n of SIZES) {
    const fns: Record<string, () => unknown> = {}
    for (const [name, build] of Object.entries(builders)) {
      const app = build(n)
      for (const which of ['first', 'last'] as const) {
        const request = new Request(`http://bench.local${app[which]}`)
        const check = await app.fetch(request)
        if (check.status !== 200) throw new Error(`${name} with ${n} routes answered ${check.status} for ${app[which]}`)
        fns[`${name} ${which}`] = async () => app.fetch(request)
      }
    }
    const t = await interleaved(fns)
    for (const name of Object.keys(builders))
      out[name]!.push({ routes: n, first: t[`${name} first`]!.p50, last: t[`${name} last`]!.p50 })
  }
  return out
}
