import { isDeepStrictEqual } from 'node:util'
import { type Case, extraCases, requestFor, timedCases } from './cases'
import { loadApp, nodeCtx, nodeEnv } from './worker-app'

/** What a contender answered to one case. */
interface Answer {
  status: number
  contentType: string
  body: unknown
  text: string
}

async function ask(file: string): Promise<Answer[]> {
  // A fresh module instance, so every contender's store starts from the same state.
  const app = await loadApp(file, `conformance-${Date.now()}`)
  const out: Answer[] = []
  for (const c of [...timedCases, ...extraCases]) {
    const res = await app.fetch(requestFor(c), nodeEnv, nodeCtx)
    const text = await res.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    out.push({ status: res.status, contentType: res.headers.get('content-type') ?? '', body, text })
  }
  return out
}

function differences(c: Case, got: Answer, reference: Answer): string[] {
  const out: string[] = []
  if (got.status !== c.status) out.push(`status ${got.status}, expected ${c.status}`)
  if (!got.contentType.includes('json') || got.body === undefined)
    out.push(`not a JSON body (${got.contentType}): ${got.text.slice(0, 80)}`)
  if (c.status < 300 && !isDeepStrictEqual(got.body, reference.body))
    out.push(`body ${got.text} differs from ${reference.text}`)
  for (const field of c.fields ?? [])
    if (!got.text.includes(`"${field}"`)) out.push(`the problem does not name the field "${field}": ${got.text}`)
  return out
}

/**
 * Sends every case to every contender and compares with this project's answers: same statuses, equal
 * success bodies, JSON errors naming each invalid field. Returns the problems per contender.
 */
export async function checkConformance(files: Record<string, string>): Promise<Record<string, string[]>> {
  const answers: Record<string, Answer[]> = {}
  for (const [name, file] of Object.entries(files)) answers[name] = await ask(file)
  const reference = answers.ours!
  const cases = [...timedCases, ...extraCases]
  const report: Record<string, string[]> = {}
  for (const [name, list] of Object.entries(answers))
    report[name] = cases.flatMap((c, i) => differences(c, list[i]!, reference[i]!).map((d) => `${c.name}: ${d}`))
  return report
}
