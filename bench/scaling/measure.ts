import { inFreshProcesses, interleaved, median } from '../sampler'
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
  /** Over fresh processes, `first` and `last` are the lowest of their medians; these are the medians. */
  readonly medianFirst?: number
  readonly medianLast?: number
}

/**
 * Measures first- and last-route cost for every framework at every size in this process, all interleaved per
 * size. The same Request is reused per call (these bare routers do not decorate it cumulatively), so matching is
 * not drowned by the cost of building requests.
 */
export async function measureScalingHere(): Promise<Record<string, ScalingPoint[]>> {
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

/**
 * First- and last-route cost over fresh processes: per framework and size, the lowest of the processes' medians
 * for each (see `acrossProcesses`).
 */
export function measureScaling(): Record<string, ScalingPoint[]> {
  const runs = inFreshProcesses<Record<string, ScalingPoint[]>>('scaling')
  return Object.fromEntries(
    Object.keys(builders).map((name) => [
      name,
      SIZES.map((routes, i) => {
        const points = runs.map((r) => r[name]![i]!)
        return {
          routes,
          first: Math.min(...points.map((p) => p.first)),
          last: Math.min(...points.map((p) => p.last)),
          medianFirst: median(points.map((p) => p.first)),
          medianLast: median(points.map((p) => p.last)),
        }
      }),
    ]),
  )
}
