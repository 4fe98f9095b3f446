import { env } from 'cloudflare:workers'
import { countBindings, type RoundTrips } from '../../../src/core/testing'
import { apiClient } from '../kit'
import { type Fixtures, fixtures } from './fixtures'
import { headersOf, nameOf, type Scenario } from './scenarios'

/** One measured request: its status and the calls it made to each binding. */
export interface Measured {
  readonly status: number
  readonly calls: RoundTrips
}

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
  const table: Record<string, Measured> = {}
  for (const scenario of scenarios) {
    const f = scenario.fresh ? await fixtures() : shared
    const sent = await scenario.send(f)
    const request = () =>
      client.fetch(sent.path, {
        method: sent.method ?? 'GET',
        headers: { ...headersOf(f, scenario.as), ...sent.headers },
        ...(sent.json !== undefined ? { json: sent.json } : {}),
        ...(sent.body !== undefined ? { body: sent.body } : {}),
      })
    if (scenario.cached) await finish(await request())
    counted.reset()
    const res = await request()
    const calls = counted.counts()
    await finish(res)
    table[nameOf(scenario)] = { status: res.status, calls }
  }
  return table
}
