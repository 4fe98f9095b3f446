import { contenders, hello, oneRoute } from './contenders'
import { HTTP_BOUNDS } from './http'
import { kib, type Results } from './results'
import { renderRoundTrips } from './round-trips/measure'
import { figure, PROCESSES } from './sampler'

const ns = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} µs` : `${Math.round(n)} ns`)
const x = (n: number) => `${n.toFixed(2)}x`
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
const mark = (met: boolean) => (met ? 'met' : '**MISSED**')

/** Renders the results as the Markdown tables the README publishes. */
export function renderTables(r: Results): string {
  const out: string[] = []
  const m = r.machine
  out.push(`Run ${r.date} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}), Node ${m.node}.`, '')

  out.push('**Targets**', '', row(['target', 'result', 'measured']), row(['---', '---', '---']))
  for (const t of r.targets) out.push(row([t.name, mark(t.met), t.detail]))

  const names = contenders.map((c) => c.name).filter((n) => r.perRequest[n])
  const routes = Object.keys(r.perRequest.ours ?? {})
  out.push(
    '',
    `**Per request, in process** (warmed up; the lowest of ${PROCESSES} fresh processes' medians, see docs/benchmarks.md; ratio to the floor / to Hono)`,
    '',
  )
  out.push(row(['route', ...names]), row(['---', ...names.map(() => '---:')]))
  for (const route of routes) {
    const floorT = r.perRequest.floor?.[route]
    const honoT = r.perRequest.hono?.[route]
    const floor = floorT && figure(floorT)
    const hono = honoT && figure(honoT)
    out.push(
      row([
        route,
        ...names.map((n) => {
          const p50 = figure(r.perRequest[n]![route]!)
          const rel = [floor ? x(p50 / floor) : '', hono ? x(p50 / hono) : ''].filter(Boolean).join(' / ')
          return `${ns(p50)} (${rel})`
        }),
      ]),
    )
  }

  out.push(
    '',
    `**Route scaling** (the lowest of ${PROCESSES} fresh processes' medians to serve the first and the last of n routes, 10 routes per router)`,
    '',
  )
  const frameworks = Object.keys(r.scaling)
  out.push(row(['routes', ...frameworks.map((f) => `${f} first / last (last/first)`)]))
  out.push(row(['---:', ...frameworks.map(() => '---:')]))
  for (let i = 0; i < (r.scaling[frameworks[0]!]?.length ?? 0); i++) {
    const cells = frameworks.map((f) => {
      const p = r.scaling[f]![i]!
      return `${ns(p.first)} / ${ns(p.last)} (${x(p.last / p.first)})`
    })
    out.push(row([String(r.scaling[frameworks[0]!]![i]!.routes), ...cells]))
  }

  out.push(
    '',
    '**Size and cold start** (esbuild, minified ESM; gzip -9; cold start = import + first GET /greet in a fresh Node)',
    '',
  )
  out.push(row(['contender', 'bundle', 'gzipped', 'OpenAPI document', 'cold start (median / min)']))
  out.push(row(['---', '---:', '---:', '---', '---:']))
  for (const c of contenders) {
    const s = r.size[c.name]
    const cs = r.coldStart[c.name]
    if (!s) continue
    const cold = cs ? `${cs.median.toFixed(1)} / ${cs.min.toFixed(1)} ms` : 'n/a'
    out.push(row([c.label, kib(s.bytes), kib(s.gzip), s.document, cold]))
  }
  for (const [name, s] of Object.entries(r.greetSize))
    out.push(row([`${name}: greet route only + its document`, kib(s.bytes), kib(s.gzip), '', '']))
  for (const o of oneRoute) {
    const s = r.oneRoute[o.name]
    if (s) out.push(row([o.label, kib(s.bytes), kib(s.gzip), '', '']))
  }
  for (const h of hello) {
    const s = r.hello?.[h.name]
    const cs = s?.coldStart
    if (s)
      out.push(
        row([h.label, kib(s.bytes), kib(s.gzip), '', cs ? `${cs.median.toFixed(1)} / ${cs.min.toFixed(1)} ms` : 'n/a']),
      )
  }
  if (r.reference)
    out.push(row(['the reference API (src/app/index.ts)', kib(r.reference.bytes), kib(r.reference.gzip), '', '']))
  const mods = r.oneRoute.ours?.modules
  if (mods) {
    out.push('', "**Our one-route bundle by module** (minified bytes in the output, esbuild's metafile)", '')
    out.push(row(['module', 'bytes']), row(['---', '---:']))
    for (const [path, bytes] of mods) out.push(row([path, String(bytes)]))
  }

  const reg = r.registration
  if (Object.keys(reg).length) {
    out.push(
      '',
      "**Registration** (ms, median of fresh Node processes: import the bundle, build n routes, serve the last route once; in brackets the fastest process's import + build, which the target compares)",
      '',
    )
    out.push(row(['routes', ...Object.keys(reg).map((f) => `${f} import / build / first request`)]))
    out.push(row(['---:', ...Object.keys(reg).map(() => '---:')]))
    const ms = (n: number) => n.toFixed(1)
    for (let i = 0; i < (Object.values(reg)[0]?.length ?? 0); i++)
      out.push(
        row([
          String(Object.values(reg)[0]![i]!.routes),
          ...Object.values(reg).map((p) => {
            const q = p[i]!
            return `${ms(q.import)} / ${ms(q.build)} / ${ms(q.first)} (${ms(q.minImportBuild ?? q.minTotal)})`
          }),
        ]),
      )
  }

  const http = r.http
  out.push(
    '',
    `**Over HTTP** (autocannon, ${HTTP_BOUNDS.connections} connections, ${HTTP_BOUNDS.duration} s, wrangler dev on loopback)`,
    '',
  )
  if ('skipped' in http) out.push(`Skipped: ${http.skipped}`)
  else {
    out.push(row(['contender', 'route', 'req/s', 'p50', 'p99', 'errors / non-2xx']))
    out.push(row(['---', '---', '---:', '---:', '---:', '---:']))
    for (const [name, byRoute] of Object.entries(http))
      for (const [route, h] of Object.entries(byRoute))
        out.push(
          row([name, route, Math.round(h.rps).toString(), `${h.p50} ms`, `${h.p99} ms`, `${h.errors} / ${h.non2xx}`]),
        )
  }

  out.push('', '**Rate limiter**', '')
  const rl = r.rateLimiter
  if (rl.result) {
    out.push(
      row([
        'driven',
        'decisions',
        'decisions/s',
        'ms per decision',
        'ms per no-op call',
        'ms added per limited request',
      ]),
    )
    out.push(row(['---', '---:', '---:', '---:', '---:', '---:']))
    for (const d of [rl.result.sequential, rl.result.concurrent])
      out.push(
        row([
          d.concurrency === 1 ? 'one at a time' : `${d.concurrency} in flight`,
          String(d.decisions),
          String(Math.round(d.perSecond)),
          d.meanLatency.toFixed(2),
          d.pingLatency.toFixed(2),
          (d.meanLatency - d.pingLatency).toFixed(2),
        ]),
      )
    out.push('', rl.note)
  } else out.push(`Skipped: ${rl.skipped ?? 'not measured'}. ${rl.note}`)

  const idem = r.idempotency
  if (idem) {
    out.push('', '**Idempotency keys**', '')
    const i = idem.result
    if (i) {
      out.push(row(['write', 'ms per request', 'Durable Object calls per request']))
      out.push(row(['---', '---:', '---:']))
      out.push(row(['POST without a key', i.plainMs.toFixed(2), '0']))
      out.push(row(['POST with a new key', i.keyedMs.toFixed(2), String(i.callsPerKeyed)]))
      out.push(row(['POST with a new key, no D1 record', i.keyedUnrecordedMs.toFixed(2), String(i.callsPerKeyed)]))
      out.push(row(['POST repeating a key (replay)', i.replayMs.toFixed(2), String(i.callsPerReplay)]))
      out.push('', `Added per keyed write: ${i.addedMs.toFixed(2)} ms (median over runs). ${idem.note}`)
    } else out.push(`Skipped: ${idem.skipped ?? 'not measured'}. ${idem.note}`)
  }

  const rt = r.realtime
  if (rt) {
    out.push('', `**Realtime**`, '')
    const [o, h] = [rt.sse.ours, rt.sse.hono]
    if (o && h)
      out.push(
        `SSE framing, in process, one stream of ${rt.events} JSON events made and read to the end: ours ${ns(o.p50)} (${ns(o.p50 / rt.events)} per event), Hono's streamSSE ${ns(h.p50)} (${x(o.p50 / h.p50)} of Hono).`,
        '',
      )
    const t = rt.http
    if (t)
      out.push(
        `Over wrangler dev: one room object fanned ${t.messages} messages out to ${t.sockets} sockets at ${Math.round(t.messagesPerSecond)} messages/s (${Math.round(t.deliveriesPerSecond)} frames delivered/s); a created post reached an SSE subscriber in p50 ${t.postToEvent.p50.toFixed(1)} ms, p99 ${t.postToEvent.p99.toFixed(1)} ms (${t.posts} posts, POST sent to event read).`,
      )
    else out.push(`Over HTTP: skipped (${rt.skipped ?? 'not measured'}).`)
  }

  out.push('', '**D1 list endpoints** (a filter and a second page; same table, same wrangler dev)', '')
  const d1 = r.d1List
  if (!d1 || d1.skipped) out.push(`Skipped: ${d1?.skipped ?? 'not measured'}`)
  else {
    out.push(d1.note, '', row(['endpoint', 'req/s', 'p50', 'p99', 'errors / non-2xx']))
    out.push(row(['---', '---:', '---:', '---:', '---:']))
    for (const [name, h] of Object.entries(d1.results))
      out.push(row([name, Math.round(h.rps).toString(), `${h.p50} ms`, `${h.p99} ms`, `${h.errors} / ${h.non2xx}`]))
  }
  if (r.roundTrips) out.push('', '**Round trips to storage per request**', '', renderRoundTrips(r.roundTrips))
  return out.join('\n')
}
