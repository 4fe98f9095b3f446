// `npm run bench`: the side-by-side benchmark. Bundles every contender, checks they answer alike, then
// measures per-request cost, route scaling, size, cold start, HTTP throughput and the rate limiter.
// Flags: --no-http skips the wrangler dev parts; --only=requests,scaling,registration,cold,http,limiter,realtime,d1list,roundtrips,idempotency
// runs just those sections
// (bundling and the conformance check always run).
import { writeFileSync } from 'node:fs'
import { cpus, release, totalmem, type } from 'node:os'
import { startDevServer } from '../test/node/dev-server'
import { bundle } from './bundle'
import { coldStart } from './cold-start'
import { checkConformance } from './conformance'
import { contenders, greetOnly, hello, oneRoute } from './contenders'
import { d1ListRuns } from './d1-list/measure'
import { writeDocuments } from './documents'
import { type HttpResult, hammer } from './http'
import { measureIdempotency } from './idempotency/measure'
import { timeRoutes, timeRoutesHere } from './per-request'
import { measureRateLimiter } from './rate-limit/measure'
import { realtimeOverHttp } from './realtime/over-http'
import { SSE_EVENTS, sseFraming } from './realtime/sse-framing'
import { measureRegistration } from './registration/measure'
import { evaluateTargets, type Results } from './results'
import { measureRoundTrips } from './round-trips/measure'
import { publishRoundTrips } from './round-trips/publish'
import { PROCESSES } from './sampler'
import { measureScaling, measureScalingHere } from './scaling/measure'
import { renderTables } from './table'

const log = (line: string) => process.stderr.write(`${line}\n`)

async function httpRuns(): Promise<Results['http']> {
  const out: Record<string, Record<string, HttpResult>> = {}
  for (const name of ['ours', 'hono']) {
    log(`http: wrangler dev for ${name}`)
    const server = await startDevServer({
      config: `bench/wrangler.${name}.toml`,
      migrate: false,
      probe: '/greet?name=Bob',
    })
    try {
      out[name] = {
        'GET /greet?name=': await hammer(`${server.url}/greet?name=Bob`),
        'GET /users/:id': await hammer(`${server.url}/users/1`),
      }
    } finally {
      await server.stop()
    }
  }
  return out
}

async function rateLimiter(): Promise<Results['rateLimiter']> {
  const note =
    "Each decision is one RateLimiterObject.hit() (exact sliding-window log in memory; admitted hits written to its storage at most every 5 ms, in one write) on ONE object, called in a loop by a Worker inside workerd (wrangler's unstable_startWorker): no HTTP server in the loop. 'ms per decision' is what a limited request waits; 'no-op call' is ping() on an object of the same class with as many in flight, the share that is the call itself; 'ms added' is the difference, the limiter's own cost per limited request."
  log('rate limiter: driven inside workerd')
  return { note, result: await measureRateLimiter() }
}

async function idempotency(): Promise<NonNullable<Results['idempotency']>> {
  const note =
    "Creates through one app inside workerd (wrangler's unstable_startWorker, local D1 and Durable Objects, no HTTP server in the loop): without a key, with a new key each (its record in the same D1 batch as the insert), and repeats of one key (replays); blocks of 10 of each kind interleaved, the mean per request, the median over 5 runs. DO calls are counted on the ledger the extension uses."
  log('idempotency: keyed writes driven inside workerd')
  return { note, result: await measureIdempotency() }
}

async function realtime(withHttp: boolean): Promise<NonNullable<Results['realtime']>> {
  log('realtime: SSE framing, ours and hono, interleaved')
  const sse = await sseFraming()
  if (!withHttp) return { events: SSE_EVENTS, sse, skipped: 'not run (--no-http)' }
  log('realtime: wrangler dev for the reference API (room fan-out, post to SSE event)')
  const server = await startDevServer({ seed: true })
  try {
    return { events: SSE_EVENTS, sse, http: await realtimeOverHttp(server) }
  } finally {
    await server.stop()
  }
}

async function main() {
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',')
  const wants = (section: string) => !only || only.includes(section)
  const withHttp = wants('http') && !process.argv.includes('--no-http')
  const changed = writeDocuments()
  if (changed.length) log(`regenerated ${changed.join(', ')} (commit them)`)

  log('bundling')
  const files: Record<string, string> = {}
  const size: Results['size'] = {}
  for (const c of contenders) {
    const b = await bundle(c.entry, c.name)
    files[c.name] = b.file
    size[c.name] = { bytes: b.bytes, gzip: b.gzip, document: c.document }
  }
  const greetSize: Results['greetSize'] = {}
  for (const g of greetOnly) {
    const b = await bundle(g.entry, `${g.name}-greet`)
    greetSize[g.name] = { bytes: b.bytes, gzip: b.gzip }
  }

  const oneRouteSize: Results['oneRoute'] = {}
  for (const o of oneRoute) {
    const b = await bundle(o.entry, `${o.name}-one-route`)
    oneRouteSize[o.name] = { bytes: b.bytes, gzip: b.gzip, modules: o.name === 'hono' ? [] : b.modules }
  }

  const helloSize: NonNullable<Results['hello']> = {}
  const helloFiles: Record<string, string> = {}
  for (const h of hello) {
    const b = await bundle(h.entry, `${h.name}-hello`)
    helloFiles[h.name] = b.file
    helloSize[h.name] = { bytes: b.bytes, gzip: b.gzip, modules: h.name === 'hono' ? [] : b.modules }
  }

  const ref = await bundle('src/app/index.ts', 'reference')
  const reference: Results['reference'] = { bytes: ref.bytes, gzip: ref.gzip }

  log('conformance')
  const conformance = await checkConformance(files)
  for (const [name, problems] of Object.entries(conformance)) {
    if (problems.length) log(`${name} answers differently; it is not timed:\n  ${problems.join('\n  ')}`)
  }
  const timed = contenders.filter((c) => conformance[c.name]?.length === 0)

  log(`per request: ${timed.map((c) => c.name).join(', ')}, interleaved, in ${PROCESSES} fresh processes`)
  const perRequest = wants('requests') ? timeRoutes(Object.fromEntries(timed.map((c) => [c.name, files[c.name]!]))) : {}
  log(`route scaling: ours, hono, itty, in ${PROCESSES} fresh processes`)
  const scaling = wants('scaling') ? measureScaling() : {}
  log('registration: ours, hono, fresh processes')
  const registration = wants('registration') ? await measureRegistration() : {}
  const cold: Results['coldStart'] = {}
  for (const c of wants('cold') ? timed : []) {
    log(`cold start: ${c.name}`)
    cold[c.name] = coldStart(files[c.name]!)
  }
  for (const h of wants('cold') ? hello : []) {
    log(`cold start: ${h.name} hello`)
    helloSize[h.name]!.coldStart = coldStart(helloFiles[h.name]!)
  }
  const http = withHttp ? await httpRuns() : { skipped: 'not run (--no-http or --only)' }
  const rl = wants('limiter') ? await rateLimiter() : { note: '', skipped: 'not run (--only)' }
  const idem = wants('idempotency') ? await idempotency() : { note: '', skipped: 'not run (--only)' }
  const rt = wants('realtime') ? await realtime(!process.argv.includes('--no-http')) : undefined
  const withD1 = wants('d1list') && !process.argv.includes('--no-http')
  if (withD1) log('D1 list endpoints: ours (cursor) beside chanfana (offset), wrangler dev')
  const d1List = withD1 ? await d1ListRuns() : { note: '', results: {}, skipped: 'not run (--no-http or --only)' }
  // Alone: `npm run bench:round-trips` (bench/round-trips/run.ts).
  if (wants('roundtrips')) log('round trips: every route of the reference API with its bindings counted, in workerd')
  const roundTrips = wants('roundtrips') ? measureRoundTrips() : undefined
  if (roundTrips) publishRoundTrips(roundTrips)

  const results: Results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${type()} ${release()}`,
      node: process.version,
    },
    conformance,
    perRequest,
    scaling,
    size,
    greetSize,
    oneRoute: oneRouteSize,
    hello: helloSize,
    reference,
    registration,
    coldStart: cold,
    http,
    rateLimiter: rl,
    idempotency: idem,
    ...(rt ? { realtime: rt } : {}),
    d1List,
    ...(roundTrips ? { roundTrips } : {}),
    targets: [],
  }
  results.targets = evaluateTargets(results)
  // A partial run is for working on one section; only a full run replaces the published results.
  if (!only) writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(`${renderTables(results)}\n`)
  log(only ? 'partial run: bench/results.json left as it was' : 'wrote bench/results.json')
}

/** A section run in a fresh process for the parent run (`inFreshProcesses`): prints its result as JSON. */
async function child(section: string) {
  const result =
    section === 'requests'
      ? await timeRoutesHere(JSON.parse(process.argv[3] ?? '{}') as Record<string, string>)
      : section === 'scaling'
        ? await measureScalingHere()
        : undefined
  if (!result) throw new Error(`no section ${section}`)
  process.stdout.write(JSON.stringify(result))
}

const section = process.argv[2]?.startsWith('--child=') ? process.argv[2].slice(8) : undefined
await (section ? child(section) : main())
