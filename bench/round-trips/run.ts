// `npm run bench:round-trips`: the round-trip section of `npm run bench` alone. Measures every route's calls to
// storage (test/workers/round-trips), prints the table and writes it into bench/results.json and the README.
import { readFileSync, writeFileSync } from 'node:fs'
import { measureRoundTrips, renderRoundTrips } from './measure'
import { publishRoundTrips } from './publish'

const table = measureRoundTrips()
const results = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Record<string, unknown>
writeFileSync('bench/results.json', `${JSON.stringify({ ...results, roundTrips: table }, null, 2)}\n`)
publishRoundTrips(table)
process.stdout.write(`${renderRoundTrips(table)}\n`)
process.stderr.write('wrote the round trips into bench/results.json and README.md\n')
