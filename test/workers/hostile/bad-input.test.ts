import { describe, expect, it } from 'vitest'
import { baseline, bodyText } from './baseline'
import type { Case } from './case'
import { hostile } from './client'
import { credentialCases } from './credential-cases'
import { credentialsFor } from './credentials'
import { harmlessCases } from './harmless-cases'
import { idempotencyCases } from './idempotency-cases'
import { inputCases } from './input-cases'
import { mediaTypeCases } from './media-type-cases'
import { multipartCases } from './multipart-cases'
import { type Operation, operations } from './operations'
import { snapshot } from './snapshot'

/** Every hostile case of an operation; credentials it needs are created here, before the snapshot. */
async function casesFor(op: Operation, auth: Record<string, string>): Promise<Case[]> {
  const base = baseline(op, auth)
  const url = base.url()
  const withType = (body: BodyInit | null, type?: string) => base.withBody(body, type ? { 'content-type': type } : {})
  return [
    ...inputCases(op, base),
    ...idempotencyCases(op, base),
    ...mediaTypeCases(op, url, base.body, withType),
    ...multipartCases(op, url, withType),
    ...(await credentialCases(op, url, base.init)),
    ...harmlessCases(op, url, base.init),
  ]
}

type Problem = { status: number; errors?: { in: string; name: string; pointer: string }[] }
const read = async (res: Response) => ({
  status: res.status,
  type: res.headers.get('content-type'),
  // An event stream never ends: its status and type are the answer (bodyText cancels it).
  text: await bodyText(res),
})

/** What is wrong with the answer to a case; nothing when it is right. */
async function judge(op: Operation, c: Case): Promise<string[]> {
  const got = await read(await hostile.fetch(c.url, c.init))
  const shown = `${got.status} ${got.type} ${got.text.slice(0, 200)}`
  if (got.status >= 500) return [`${c.label}: ${shown}`]
  if (c.like) {
    const want = await read(await hostile.fetch(c.like.url, c.like.init))
    if (want.status >= 500)
      return [`${c.label}: the reference request failed: ${want.status} ${want.text.slice(0, 200)}`]
    if (got.status !== want.status)
      return [`${c.label}: ${got.status}, where the equivalent request gets ${want.status}: ${shown}`]
    const errors = (r: typeof got) =>
      r.type === 'application/problem+json' ? JSON.stringify((JSON.parse(r.text) as Problem).errors ?? []) : ''
    return errors(got) === errors(want) ? [] : [`${c.label}: other problems than the equivalent request: ${shown}`]
  }
  if (got.status < 400 || got.type !== 'application/problem+json') return [`${c.label}: ${shown}`]
  const failures: string[] = []
  if (c.status !== undefined && got.status !== c.status)
    failures.push(`${c.label}: ${got.status} instead of ${c.status}: ${shown}`)
  if (!(String(got.status) in op.responses)) failures.push(`${c.label}: status ${got.status} is not documented`)
  const problem = JSON.parse(got.text) as Problem
  if (problem.status !== got.status) failures.push(`${c.label}: problem status ${problem.status} on a ${got.status}`)
  // Header names are case-insensitive; the document spells them canonically, problems as they are read.
  const field = c.field?.toLowerCase()
  const names = (e: { name: string; pointer: string }) =>
    e.name.toLowerCase() === field || e.pointer.toLowerCase().startsWith(`/${field}`)
  if (got.status === 400 && field && problem.errors && !problem.errors.some(names))
    failures.push(`${c.label}: the problem does not name "${c.field}": ${got.text.slice(0, 200)}`)
  return failures
}

describe('hostile input: every malformed request is a 4xx problem naming the field, and changes nothing', () => {
  for (const op of operations) {
    it(`${op.method} ${op.path}`, async () => {
      const auth = await credentialsFor(op)
      const cases = await casesFor(op, auth)
      // An operation nothing is tried against proves nothing: every one must have cases.
      expect(cases.length, `${op.method} ${op.path} has no hostile cases`).toBeGreaterThan(0)
      const failures: string[] = []
      const before = await snapshot()
      for (const c of cases.filter((c) => !c.valid)) failures.push(...(await judge(op, c)))
      const after = await snapshot()
      const cached = await snapshot({ withoutResponseCache: true })
      for (const c of cases.filter((c) => c.valid)) failures.push(...(await judge(op, c)))
      expect(failures).toEqual([])
      expect(after).toBe(before)
      expect(await snapshot({ withoutResponseCache: true })).toBe(cached)
    }, 180_000)
  }
})
