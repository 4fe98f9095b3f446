import { type FieldProblem, statusTitle, VALIDATION_PROBLEM_TYPE, VALIDATION_TITLE, validationDetail } from './errors'
import type { ExceptionHandlerEntry } from './layers'
import { PROBLEM_JSON } from './problem'

// The kernel's own refusals (invalid input, no route) are most of a public API's error traffic. When no
// exception handler could take them, their problem bodies are written straight from the data, byte for byte
// what `problemResponse` makes of the equivalent HttpError, without constructing an Error (its construction
// and the body's object spreads were most of a 400's cost).

const HEADERS = { 'content-type': PROBLEM_JSON }
const INIT_400: ResponseInit = { status: 400, headers: HEADERS }
const VALIDATION_MIDDLE = `,"type":${JSON.stringify(VALIDATION_PROBLEM_TYPE)},"title":${JSON.stringify(VALIDATION_TITLE)},"status":400,"detail":`

/** Whether any of these exception handlers would take `probe` (by its status or its class). */
export const handlesError = (
  entries: readonly ExceptionHandlerEntry[] | undefined,
  probe: Error & { status: number },
) => (entries ?? []).some(([key]) => (typeof key === 'number' ? key === probe.status : probe instanceof key))

/** The 400 problem a `ValidationError` of these problems becomes, built without one. */
export function validationProblem(errors: readonly FieldProblem[], instance: string): Response {
  const body = `{"errors":${JSON.stringify(errors)}${VALIDATION_MIDDLE}${JSON.stringify(validationDetail(errors))},"instance":${JSON.stringify(instance)}}`
  return new Response(body, INIT_400)
}

/** The problem a plain `HttpError(status, { detail })` becomes, built without one. */
export function statusProblem(status: number, detail: string, instance: string): Response {
  const body = `{"type":"about:blank","title":${JSON.stringify(statusTitle(status))},"status":${status},"detail":${JSON.stringify(detail)},"instance":${JSON.stringify(instance)}}`
  return new Response(body, { status, headers: HEADERS })
}
