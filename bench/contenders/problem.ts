/** A field problem in the shape every hand-rolled contender reports (this project's RFC 9457 shape). */
export interface FieldProblem {
  in: 'path' | 'query' | 'body'
  name: string
  pointer: string
  message: string
}

/** An RFC 9457 problem response, as the contenders without a built-in one build it. */
export function problem(status: number, title: string, instance: string, detail: string, errors?: FieldProblem[]) {
  const body = errors
    ? { type: 'urn:problem-type:validation-error', title, status, detail, instance, errors }
    : { type: 'about:blank', title, status, detail, instance }
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } })
}

/** Turns valibot issues into field problems. */
export function fieldProblems(
  where: FieldProblem['in'],
  issues: readonly { message: string; path?: readonly { key: unknown }[] }[],
): FieldProblem[] {
  return issues.map((issue) => {
    const keys = (issue.path ?? []).map((p) => String(p.key))
    return { in: where, name: keys.join('.'), pointer: keys.map((k) => `/${k}`).join(''), message: issue.message }
  })
}

/** The 400 for a list of field problems. */
export const validationProblem = (instance: string, errors: FieldProblem[]) =>
  problem(400, 'Request validation failed', instance, `${errors.length} invalid input(s)`, errors)
