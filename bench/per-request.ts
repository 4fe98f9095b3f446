import { requestFor, timedCases } from './cases'
import { acrossProcesses, inFreshProcesses, interleaved, type Timing } from './sampler'
import { loadApp, nodeCtx, nodeEnv } from './worker-app'

type RouteTimings = Record<string, Record<string, Timing>>

/**
 * Times every route across the bundled contenders in this process, one route at a time, interleaved. Each call
 * gets a new Request, as a runtime hands a Worker (itty-router decorates the request it is given, so one cannot be
 * reused); the response body is left unread for all.
 */
export async function timeRoutesHere(files: Record<string, string>): Promise<RouteTimings> {
  const apps = Object.fromEntries(
    await Promise.all(Object.entries(files).map(async ([name, file]) => [name, await loadApp(file)] as const)),
  )
  const out: RouteTimings = Object.fromEntries(Object.keys(apps).map((n) => [n, {}]))
  for (const c of timedCases) {
    const fns = Object.fromEntries(
      Object.entries(apps).map(([name, app]) => [name, async () => app.fetch(requestFor(c), nodeEnv, nodeCtx)]),
    )
    const timings = await interleaved(fns)
    for (const [name, t] of Object.entries(timings)) out[name]![c.name] = t
  }
  return out
}

/** The per-request timings of every route and contender: each process's, combined (`acrossProcesses`). */
export function timeRoutes(files: Record<string, string>): RouteTimings {
  const runs = inFreshProcesses<RouteTimings>('requests', [JSON.stringify(files)])
  return Object.fromEntries(Object.keys(files).map((name) => [name, acrossProcesses(runs.map((r) => r[name]!))]))
}
