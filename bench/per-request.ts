import { requestFor, timedCases } from './cases'
import { interleaved, type Timing } from './sampler'
import { loadApp, nodeCtx, nodeEnv } from './worker-app'

/**
 * Times every route across the bundled contenders, one route at a time, interleaved. Each call gets a new
 * Request, as a runtime hands a Worker (itty-router decorates the request it is given, so one cannot be
 * reused); the response body is left unread for all.
 */
export async function timeRoutes(files: Record<string, string>): Promise<Record<string, Record<string, Timing>>> {
  const apps = Object.fromEntries(
    await Promise.all(Object.entries(files).map(async ([name, file]) => [name, await loadApp(file)] as const)),
  )
  const out: Record<string, Record<string, Timing>> = Object.fromEntries(Object.keys(apps).map((n) => [n, {}]))
  for (const c of timedCases) {
    const fns = Object.fromEntries(
      Object.entries(apps).map(([name, app]) => [name, async () => app.fetch(requestFor(c), nodeEnv, nodeCtx)]),
    )
    const timings = await interleaved(fns)
    for (const [name, t] of Object.entries(timings)) out[name]![c.name] = t
  }
  return out
}
