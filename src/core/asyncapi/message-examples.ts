import * as v from 'valibot'

type Json = Record<string, unknown>

/** The examples a schema declares (`v.metadata({ examples })`), or those of its options when it is a union. */
export function declaredExamples(schema: v.GenericSchema): unknown[] {
  const own = (v.getMetadata(schema) as { examples?: unknown[] } | undefined)?.examples
  if (own?.length) return own
  const base = ((schema as unknown as { pipe?: v.GenericSchema[] }).pipe?.[0] ?? schema) as unknown as {
    options?: v.GenericSchema[]
  }
  return (base.options ?? []).flatMap(declaredExamples)
}

/**
 * A message's AsyncAPI `examples`: one per example its schema declares, each checked against the schema (an
 * example the server could never send would teach clients the wrong thing, so it refuses the document), with the
 * headers it travels with, if any.
 */
export function messageExamples(name: string, schema: v.GenericSchema, headers?: Json): Json[] {
  return declaredExamples(schema).map((payload, i) => {
    const checked = v.safeParse(schema, payload)
    if (!checked.success)
      throw new Error(
        `The example ${i + 1} of message ${name} does not match its schema: ${v.summarize(checked.issues)}`,
      )
    return { name: `${name}${i ? i + 1 : ''}`, ...(headers ? { headers } : {}), payload: checked.output }
  })
}
