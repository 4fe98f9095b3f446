import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'

/**
 * Calls per binding (D1 split into `DB:primary` and `DB:replica`; a call started only after the response was ready
 * keyed `<binding>:after`), per row of the table.
 */
export type RoundTripTable = Record<string, Record<string, number>>

const REPORT = '.tmp/bench/round-trips.json'

interface JsonReport {
  testResults: { assertionResults: { meta?: { roundTrips?: RoundTripTable } }[] }[]
}

/**
 * Runs the round-trip test in workerd (test/workers/round-trips: every route of the reference API with its
 * bindings counted) and takes the table it measured from vitest's JSON report. The test fails, and so does
 * this, when a route's count grows past its budget.
 */
export function measureRoundTrips(): RoundTripTable {
  mkdirSync('.tmp/bench', { recursive: true })
  const args = ['run', '--project', 'workers', 'test/workers/round-trips', '--reporter=json', `--outputFile=${REPORT}`]
  try {
    execFileSync('node_modules/.bin/vitest', args, { stdio: ['ignore', 'ignore', 'inherit'] })
  } catch {
    // A route over its budget fails the test; the table is still in the report, and the run says so.
    process.stderr.write('round trips: a route is over its budget (test/workers/round-trips/budget.json)\n')
  }
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as JsonReport
  for (const file of report.testResults)
    for (const test of file.assertionResults) if (test.meta?.roundTrips) return test.meta.roundTrips
  throw new Error('round trips: the test recorded no table (did it run?)')
}

/** Column headings of the bindings, in the table's order: D1 by where it may run, then KV, R2, queues, objects. */
const COLUMNS: readonly (readonly [string, string])[] = [
  ['DB:primary', 'D1 primary'],
  ['DB:replica', 'D1 replica-eligible'],
  // Started once the response was ready (in waitUntil): the events outbox's acknowledgment, after its queue send.
  ['DB:primary:after', 'D1 primary, after the response'],
  ['CACHE', 'KV'],
  ['FILES', 'R2'],
  ['EVENTS', 'Queue'],
  ['RATE_LIMITER', 'DO RateLimiter'],
  ['ROOMS', 'DO ChatRoom'],
  ['POST_FEED', 'DO PostFeed'],
]

/** The table as Markdown, one row per route and caller, padded as the formatter pads tables. */
export function renderRoundTrips(table: RoundTripTable): string {
  const known = new Set(COLUMNS.map(([key]) => key))
  const extra = [...new Set(Object.values(table).flatMap(Object.keys))].filter((k) => !known.has(k))
  const columns = [...COLUMNS, ...extra.map((k) => [k, k] as const)]
  const head = ['route, caller', ...columns.map(([, label]) => label)]
  const rows = Object.entries(table).map(([name, calls]) => [name, ...columns.map(([key]) => String(calls[key] ?? 0))])
  const widths = head.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i]!.length)))
  // The first column is text (left-aligned), the counts are numbers (right-aligned).
  const cell = (text: string, i: number) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  const rule = widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`))
  return [line(head.map(cell)), line(rule), ...rows.map((r) => line(r.map(cell)))].join('\n')
}
