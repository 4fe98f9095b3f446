import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { OUT_DIR } from './bundle'

// Runs in a fresh Node process: warms the Request/Response classes first (Node loads them lazily, for every
// contender alike), then times evaluating the bundle and serving GET /greet once.
const PROBE = `
new Response('warm'); new Request('http://warm.local/'); new Headers({ a: 'b' })
const { pathToFileURL } = await import('node:url')
const t0 = performance.now()
const app = (await import(pathToFileURL(process.argv[2]).href)).default
const res = await app.fetch(new Request('http://bench.local/greet?name=Bob'), {}, { waitUntil() {}, passThroughOnException() {} })
await res.text()
const t1 = performance.now()
if (res.status !== 200) throw new Error('status ' + res.status)
process.stdout.write(JSON.stringify({ ms: t1 - t0 }))
`

/** Samples per contender; each is a new process. */
const SAMPLES = 15

/** Median and fastest ms from process start of import to the first response, over fresh Node processes. */
export function coldStart(file: string): { median: number; min: number } {
  const probe = resolve(OUT_DIR, 'cold-probe.mjs')
  writeFileSync(probe, PROBE)
  const times: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const out = execFileSync(process.execPath, [probe, resolve(file)], { encoding: 'utf8' })
    times.push((JSON.parse(out) as { ms: number }).ms)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! }
}
