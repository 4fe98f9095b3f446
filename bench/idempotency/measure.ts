import { unstable_startWorker } from 'wrangler'
import type { IdempotencyBatch } from './worker'

const RUNS = 5
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** The idempotency section: per-request means of each kind, the median over runs, and the added cost. */
export interface IdempotencyResult {
  readonly plainMs: number
  readonly keyedMs: number
  /** Keyed on a repository without the D1 record: the Durable Object part alone. */
  readonly keyedUnrecordedMs: number
  readonly replayMs: number
  /** keyed - plain: what the header adds to a write. */
  readonly addedMs: number
  readonly callsPerKeyed: number
  readonly callsPerReplay: number
}

/**
 * What an Idempotency-Key adds to a write: a Worker inside workerd (wrangler's `unstable_startWorker`, local D1 and
 * Durable Objects, no HTTP server in the loop) creates rows through the app without a key, with a new key each, and
 * replays one key; the median over RUNS runs of each kind's mean. `npm run bench -- --only=idempotency` runs it
 * (after the bundling and conformance steps every run does).
 */
export async function measureIdempotency(n = 100): Promise<IdempotencyResult> {
  const worker = await unstable_startWorker({
    config: 'bench/wrangler.idempotency.toml',
    dev: { persist: false, server: { port: 0 }, inspector: false, logLevel: 'error' },
  })
  try {
    await worker.ready
    const runs: IdempotencyBatch[] = []
    for (let i = 0; i < RUNS; i++) {
      const res = await worker.fetch(`http://bench.local/drive?n=${n}&run=run-${i}`)
      if (!res.ok) throw new Error(`driver answered ${res.status}: ${await res.text()}`)
      runs.push((await res.json()) as IdempotencyBatch)
    }
    const plainMs = median(runs.map((r) => r.plain))
    const keyedMs = median(runs.map((r) => r.keyed))
    return {
      plainMs,
      keyedMs,
      keyedUnrecordedMs: median(runs.map((r) => r.keyedUnrecorded)),
      replayMs: median(runs.map((r) => r.replay)),
      addedMs: median(runs.map((r) => r.keyed - r.plain)),
      callsPerKeyed: median(runs.map((r) => r.callsPerKeyed)),
      callsPerReplay: median(runs.map((r) => r.callsPerReplay)),
    }
  } finally {
    await worker.dispose()
  }
}
