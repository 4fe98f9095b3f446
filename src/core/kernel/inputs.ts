import * as v from 'valibot'
import { type Coercer, coercerFor } from './coerce'
import type { RequestContext } from './context'
import { cookiesOf } from './cookie-jar'
import type { FieldProblem } from './errors'
import type { BodyParser, HandlerSpec } from './handler'
import { parseQuery } from './query-string'
import { decodeSegments } from './segments'

const escapePointer = (key: string) =>
  key.includes('~') || key.includes('/') ? key.replaceAll('~', '~0').replaceAll('/', '~1') : key

const problemsOf = (where: FieldProblem['in'], issues: readonly v.BaseIssue<unknown>[], out: FieldProblem[] = []) => {
  for (const issue of issues) {
    const path = issue.path
    let name = ''
    let pointer = ''
    if (path)
      for (let i = 0; i < path.length; i++) {
        const key = String(path[i]!.key)
        if (i === 0) name = key
        else if (where === 'body') name += `.${key}`
        pointer += `/${escapePointer(key)}`
      }
    const missing = issue.received === 'undefined' && pointer !== ''
    const message = missing ? 'is required' : issue.expected === 'never' ? 'is not a known field' : issue.message
    out.push({ in: where, name, pointer, message })
  }
  return out
}

/** What the kernel's input stages read: the request, and the matcher's still-encoded segments. */
export interface InputSource extends RequestContext {
  readonly segments: Readonly<Record<string, string>>
}

/**
 * The validated path parameters, or every problem found: data, not an error, since constructing and throwing one
 * costs more than the validation (the pipeline makes the 400 of it).
 */
export type ParamsResult = { readonly value: unknown } | FieldProblem[]

/**
 * Compiles, once per route, the path-parameter stage of a route with a params schema: each segment percent-decoded
 * exactly once, then coerced and validated by the schema.
 */
export function compileParams(spec: HandlerSpec): (ctx: InputSource) => ParamsResult {
  const schema = spec.params!
  const coerce = coercerFor(schema)
  return (ctx) => {
    const decoded = decodeSegments(ctx.segments)
    if (!Array.isArray(decoded)) return [decoded]
    const result = v.safeParse(schema, coerce(decoded))
    return result.success ? { value: result.output } : problemsOf('path', result.issues)
  }
}

/** The validated inputs besides the path parameters. */
export interface Inputs {
  query: unknown
  headers: unknown
  cookies: unknown
  body: unknown
}

interface Part {
  readonly where: FieldProblem['in']
  readonly key: keyof Inputs
  readonly schema: v.GenericSchema
  readonly coerce: Coercer
  readonly source: (ctx: RequestContext) => Iterable<[string, unknown]>
}

/** The validated inputs, or every problem found (data, as for `ParamsResult`). */
export type InputsResult = Inputs | FieldProblem[]

/**
 * Compiles, once per route, the function that reads and validates the query, headers, cookies and body and
 * reports every problem at once; undeclared inputs are never read, and the body is read once. Without a body it
 * answers synchronously.
 */
export function compileInputs(
  spec: HandlerSpec,
  bodyLimit: number,
  parseBody?: BodyParser,
): (ctx: RequestContext) => InputsResult | Promise<InputsResult> {
  const parts: Part[] = []
  const add = (
    where: FieldProblem['in'],
    key: keyof Inputs,
    schema: v.GenericSchema | undefined,
    source: Part['source'],
  ) => {
    if (schema) parts.push({ where, key, schema, coerce: coercerFor(schema), source })
  }
  add('query', 'query', spec.query, (ctx) => parseQuery(ctx.request.url))
  add('header', 'headers', spec.headers, (ctx) => ctx.request.headers)
  add('cookie', 'cookies', spec.cookies, cookiesOf)
  const bodySchema = spec.readBody === false ? undefined : spec.body
  const bodyType = spec.bodyType ?? 'json'
  const bodyCoerce = bodySchema && bodyType === 'form' ? coercerFor(bodySchema) : undefined

  const readParts = (ctx: RequestContext, problems: FieldProblem[]): Inputs => {
    const inputs: Inputs = { query: undefined, headers: undefined, cookies: undefined, body: undefined }
    for (const part of parts) {
      const result = v.safeParse(part.schema, part.coerce(part.source(ctx)))
      if (result.success) inputs[part.key] = result.output
      else problemsOf(part.where, result.issues, problems)
    }
    return inputs
  }

  if (!bodySchema || !parseBody) {
    return (ctx) => {
      const problems: FieldProblem[] = []
      const inputs = readParts(ctx, problems)
      return problems.length ? problems : inputs
    }
  }
  return async (ctx) => {
    const problems: FieldProblem[] = []
    const inputs = readParts(ctx, problems)
    const parsed = await parseBody(ctx.request, bodyType, bodyLimit)
    const value = parsed === undefined ? undefined : parsed.kind === 'form' ? bodyCoerce!(parsed.entries) : parsed.value
    const result = v.safeParse(bodySchema, value)
    if (result.success) inputs.body = result.output
    else if (value === undefined) problems.push({ in: 'body', name: '', pointer: '', message: 'is required' })
    else problemsOf('body', result.issues, problems)
    return problems.length ? problems : inputs
  }
}
