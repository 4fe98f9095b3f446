import type { Baseline } from './baseline'
import type { Case } from './case'
import type { Operation } from './operations'

const FIELD = 'Idempotency-Key'

/**
 * Idempotency-Key spellings that must be refused with a 400 naming the header before anything runs: overlong,
 * outside the charset (a space, a percent-encoding, markup, a semicolon), empty when unquoted, a lone or unbalanced
 * quote, and the header sent twice (joined by `, `) even with one valid key. Each in the document's spelling, in
 * lower and in upper case: a header's name is case-insensitive, so no spelling of the name slips past the check.
 */
export function idempotencyCases(op: Operation, base: Baseline): Case[] {
  if (!op.parameters.some((p) => p.in === 'header' && p.name === FIELD)) return []
  const url = base.url()
  const withKey = (name: string, values: readonly string[]): RequestInit => {
    const init = base.init()
    const headers = new Headers(init.headers)
    for (const v of values) headers.append(name, v)
    return { ...init, headers }
  }
  const bad: [string, string[]][] = [
    ['256 characters', ['k'.repeat(256)]],
    ['a space', ['two words']],
    ['a percent-encoding', ['a%20b']],
    ['markup', ['<b>']],
    ['a semicolon', ['a;b']],
    ['an empty quoted string', ['""']],
    ['an unbalanced quote', ['"abc']],
    ['sent twice, the same key', ['retry-1', 'retry-1']],
    ['sent twice, two keys', ['retry-1', 'retry-2']],
  ]
  const cases: Case[] = []
  for (const name of [FIELD, FIELD.toLowerCase(), FIELD.toUpperCase()])
    for (const [label, values] of bad)
      cases.push({ label: `header ${name}: ${label}`, field: FIELD, status: 400, url, init: withKey(name, values) })
  return cases
}
