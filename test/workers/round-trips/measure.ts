import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { app } from '../../../src/app/app'
import { countBindings, type RoundTrips } from '../../../src/core/testing'
import { apiClient } from '../kit'
import { type Fixtures, fixtures } from './fixtures'
import { headersOf, nameOf, type Scenario } from './scenarios'

/**
 * One measured request: its status and the calls it made to each binding, those made before the response as
 * `DB:primary`, `CACHE`, ..., and those made after it (in `waitUntil`: event delivery, cache stores) as
 * `DB:primary:after`, `CACHE:after`, ...: the first are what the caller waits for.
 */
export interface Measured {
  readonly status: number
  readonly calls: RoundTrips
}

/** The calls made since `before` was taken, each key marked as after the response. */
const afterward = (before: RoundTrips, all: RoundTrips): RoundTrips =>
  Object.fromEntries(
    Object.entries(all)
      .map(([k, n]) => [`${k}:after`, n - (before[k] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  )

/** Ends what a measured response left open: an event stream, a WebSocket. */
async function finish(res: Response): Promise<void> {
  if (res.webSocket) {
    res.webSocket.accept()
    res.webSocket.close(1000, 'measured')
    return
  }
  await res.body?.cancel()
}

/**
 * Sends each scenario's request once through the reference API with its bindings counted, after building what it
 * acts on through an uncounted client; the table of calls per row.
 */
export async function measureRoundTrips(scenarios: readonly Scenario[]): Promise<Record<string, Measured>> {
  const counted = countBindings(env)
  const client = apiClient({ env: counted.env })
  const shared: Fixtures = await fixtures()
  // The measured request goes to the app itself, so the counts can be read when its response is ready and again
  // once its background work settled.
  const measured = async (request: Request) => {
    const ctx = createExecutionContext()
    counted.reset()
    const res = await app.fetch(request, counted.env, ctx)
    const before = counted.counts()
    await waitOnExecutionContext(ctx)
    return { res, calls: { ...before, ...afterward(before, counted.counts()) } }
  }
  const table: Record<string, Measured> = {}
  for (const scenario of scenarios) {
    const f = scenario.fresh ? await fixtures() : shared
    const sent = await scenario.send(f)
    const headers = new Headers({ ...headersOf(f, scenario.as), ...sent.headers })
    if (sent.json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json')
    const request = () =>
      new Request(new URL(sent.path, 'https://api.test'), {
        method: sent.method ?? 'GET',
        headers,
        ...(sent.json !== undefined ? { body: JSON.stringify(sent.json) } : {}),
        ...(sent.body !== undefined ? { body: sent.body } : {}),
      })
    if (scenario.cached) await finish(await client.fetch(request()))
    const { res, calls } = await measured(request())
    await finish(res)
    table[nameOf(scenario)] = { status: res.status, calls }
  }
  return table
}
