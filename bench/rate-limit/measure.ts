import { unstable_startWorker } from 'wrangler'
import type { DriveResult } from './worker'

const RUNS = 3

const median = <T>(xs: T[], by: (x: T) => number) => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)]!

/**
 * Decisions per second of one RateLimiterObject, driven from a Worker inside workerd (wrangler's
 * `unstable_startWorker`, no dev server's HTTP path in the loop): sequential, as one hot client's requests
 * arrive one after another, and with 32 in flight, as many clients of one key do. Median of three runs each, on
 * a fresh key per run.
 */
export async function measureRateLimiter(n = 1000): Promise<Record<'sequential' | 'concurrent', DriveResult>> {
  const worker = await unstable_startWorker({
    config: 'bench/wrangler.rate-limit.toml',
    dev: { persist: false, server: { port: 0 }, inspector: false, logLevel: 'error' },
  })
  try {
    await worker.ready
    const drive = async (concurrency: number) => {
      const runs: DriveResult[] = []
      for (let i = 0; i < RUNS; i++) {
        const res = await worker.fetch(
          `http://bench.local/drive?n=${n}&concurrency=${concurrency}&key=run-${concurrency}-${i}`,
        )
        if (!res.ok) throw new Error(`driver answered ${res.status}: ${await res.text()}`)
        runs.push((await res.json()) as DriveResult)
      }
      return median(runs, (r) => r.perSecond)
    }
    return { sequential: await drive(1), concurrent: await drive(32) }
  } finally {
    await worker.dispose()
  }
}
