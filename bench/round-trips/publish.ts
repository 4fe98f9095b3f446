import { readFileSync, writeFileSync } from 'node:fs'
import { type RoundTripTable, renderRoundTrips } from './measure'

const START = '<!-- round-trips:start -->'
const END = '<!-- round-trips:end -->'

/** Replaces the README's round-trip table (between its markers) with this one. */
export function publishRoundTrips(table: RoundTripTable, readme = 'README.md'): void {
  const text = readFileSync(readme, 'utf8')
  const from = text.indexOf(START)
  const to = text.indexOf(END)
  if (from === -1 || to < from) throw new Error(`${readme} has no ${START} … ${END} section for the round trips`)
  writeFileSync(readme, `${text.slice(0, from + START.length)}\n${renderRoundTrips(table)}\n${text.slice(to)}`)
}
