import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { bundle, OUT_DIR } from '../bundle'
import { median } from '../sampler'
import { SIZES } from '../scaling/measure'

/**
 * Ms to import a framework, build an app of n routes, and serve its last route once, over fresh Node processes:
 * the median, and the fastest run (on a shared machine the median mostly measures waiting for a core).
 */
export interface RegistrationPoint {
  readonly routes: number
  readonly import: number
  readonly build: number
  readonly first: number
  /** The fastest run's import + build + first request. */
  readonly minTotal: number
  /** The fastest run's import + build: the figure the target compares (see `acrossProcesses` in bench/sampler.ts). */
  readonly minImportBuild?: number
}

// Runs in a fresh Node process: warms the Request/Response classes first (Node loads them lazily, for every
// contender alike), then times evaluating the bundle, building the app, and serving its last route once.
const PROBE = `
new Response('warm'); new Request('http://warm.local/'); new Headers({ a: 'b' })
const { pathToFileURL } = await import('node:url')
const href = pathToFileURL(process.argv[2]).href
const now = () => performance.now()
const t0 = now()
const build = (await import(href)).default
const t1 = now()
const app = build(Number(process.argv[3]))
const t2 = now()
const res = await app.fetch(new Request('http://bench.local' + app.last))
await res.text()
const t3 = now()
if (res.status !== 200) throw new Error('status ' + res.status)
process.stdout.write(JSON.stringify({ import: t1 - t0, build: t2 - t1, first: t3 - t2 }))
`

const ENTRIES = { ours: 'bench/registration/ours-entry.ts', hono: 'bench/registration/hono-entry.ts' } as const
/** Fresh processes per framework and size; interleaved, so a load spike hits both alike. */
const SAMPLES = 9

/** Import, build and first-request times at every size, for this project and Hono, each bundled alone. */
export async function measureRegistration(): Promise<Record<string, RegistrationPoint[]>> {
  const probe = resolve(OUT_DIR, 'registration-probe.mjs')
  writeFileSync(probe, PROBE)
  const files: Record<string, string> = {}
  for (const [name, entry] of Object.entries(ENTRIES)) files[name] = (await bundle(entry, `registration-${name}`)).file
  const out: Record<string, RegistrationPoint[]> = Object.fromEntries(Object.keys(files).map((n) => [n, []]))
  for (const n of SIZES) {
    const runs: Record<string, { import: number; build: number; first: number }[]> = Object.fromEntries(
      Object.keys(files).map((name) => [name, []]),
    )
    for (let i = 0; i < SAMPLES; i++)
      for (const [name, file] of Object.entries(files)) {
        const text = execFileSync(process.execPath, [probe, resolve(file), String(n)], { encoding: 'utf8' })
        runs[name]!.push(JSON.parse(text))
      }
    for (const [name, list] of Object.entries(runs))
      out[name]!.push({
        routes: n,
        import: median(list.map((r) => r.import)),
        build: median(list.map((r) => r.build)),
        first: median(list.map((r) => r.first)),
        minTotal: Math.min(...list.map((r) => r.import + r.build + r.first)),
        minImportBuild: Math.min(...list.map((r) => r.import + r.build)),
      })
  }
  return out
}
