import { execFileSync } from 'node:child_process'
import { requestFor, timedCases } from './cases'
import { acrossProcesses, interleaved, type Timing } from './sampler'
import { loadApp, nodeCtx, nodeEnv } from './worker-app'

/** Fresh processes the per-request timings are taken in; the result is the median over them. */
export const PROCESSES = 5

type RouteTimings = Record<string, Record<string, Timing>>

/**
 * Runs a section of the benchmark in fresh Node processes (the runner started with `--child=<section>`) and
 * returns what each printed.
 */
export function inFreshProcesses<T>(section: string, args: readonly string[] = []): T[] {
  const runner = process.argv[1]
  if (!runner) throw new Error('the runner script is unknown')
  const out: T[] = []
  for (let i = 0; i < PROCESSES; i++) {
    const text = execFileSync(process.execPath, [runner, `--child=${section}`, ...args], {
      encoding: 'utf8',
      maxBuffer: 16 * 2 ** 20,
    })
    out.push(JSON.parse(text) as T)
  }
  return out
}

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
  const out: RouteTimings = {}
  for (const name of Object.keys(files)) {
    const perCase: Record<string, Timing> = {}
    for (const c of timedCases) perCase[c.name] = acrossProcesses(runs.map((r) => ({ t: r[name]![c.name]! }))).t!
    out[name] = perCase
  }
  return out
}
