import * as v from 'valibot'
import { parseBody } from './body'
import { type Coercer, coercerFor } from './coerce'
import type { RequestContext } from './context'
import { type FieldProblem, ValidationError } from './errors'
import type { HandlerSpec } from './handler'

/** The validated inputs a handler receives. */
export interface Inputs {
  params: unknown
  query: unknown
  headers: unknown
  cookies: unknown
  body: unknown
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')

const problemsOf = (where: FieldProblem['in'], issues: readonly v.BaseIssue<unknown>[]): FieldProblem[] =>
  issues.map((issue) => {
    const keys = (issue.path ?? []).map((p) => String(p.key))
    const missing = issue.received === 'undefined' && keys.length > 0
    return {
      in: where,
      name: where === 'body' ? keys.join('.') : (keys[0] ?? ''),
      pointer: keys.map((k) => `/${escapePointer(k)}`).join(''),
      message: missing ? 'is required' : issue.expected === 'never' ? 'is not a known field' : issue.message,
    }
  })

const parseCookies = (header: string | null): [string, string][] => {
  if (!header) return []
  const out: [string, string][] = []
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const raw = part.slice(eq + 1).trim()
    try {
      out.push([part.slice(0, eq).trim(), decodeURIComponent(raw.replace(/^"(.*)"$/, '$1'))])
    } catch {
      out.push([part.slice(0, eq).trim(), raw])
    }
  }
  return out
}

const decodeParams = (raw: Readonly<Record<string, string>>): [string, string][] =>
  Object.entries(raw).map(([k, value]) => {
    try {
      return [k, decodeURIComponent(value)]
    } catch {
      throw new ValidationError([{ in: 'path', name: k, pointer: `/${k}`, message: 'is not valid percent-encoding' }])
    }
  })

interface Part {
  readonly where: FieldProblem['in']
  readonly key: keyof Inputs
  readonly schema: v.GenericSchema
  readonly coerce: Coercer
  readonly source: (ctx: RequestContext) => Iterable<[string, unknown]>
}

/**
 * Compiles, once per route, the function that reads and validates every declared input and reports
 * every problem at once; undeclared inputs are never read.
 */
export function compileInputs(spec: HandlerSpec, bodyLimit: number): (ctx: RequestContext) => Promise<Inputs> {
  const parts: Part[] = []
  const add = (
    where: FieldProblem['in'],
    key: keyof Inputs,
    schema: v.GenericSchema | undefined,
    source: Part['source'],
  ) => {
    if (schema) parts.push({ where, key, schema, coerce: coercerFor(schema), source })
  }
  add('path', 'params', spec.params, (ctx) => decodeParams(ctx.rawParams))
  add('query', 'query', spec.query, (ctx) => ctx.url.searchParams)
  add('header', 'headers', spec.headers, (ctx) => ctx.request.headers)
  add('cookie', 'cookies', spec.cookies, (ctx) => parseCookies(ctx.request.headers.get('cookie')))
  const bodySchema = spec.readBody === false ? undefined : spec.body
  const bodyType = spec.bodyType ?? 'json'
  const bodyCoerce = bodySchema && bodyType === 'form' ? coercerFor(bodySchema) : undefined

  return async (ctx) => {
    const inputs: Inputs = {
      params: ctx.rawParams,
      query: undefined,
      headers: undefined,
      cookies: undefined,
      body: undefined,
    }
    const problems: FieldProblem[] = []
    for (const part of parts) {
      const result = v.safeParse(part.schema, part.coerce(part.source(ctx)))
      if (result.success) inputs[part.key] = result.output
      else problems.push(...problemsOf(part.where, result.issues))
    }
    if (bodySchema) {
      const parsed = await parseBody(ctx.request, bodyType, bodyLimit)
      const value =
        parsed === undefined ? undefined : parsed.kind === 'form' ? bodyCoerce!(parsed.entries) : parsed.value
      const result = v.safeParse(bodySchema, value)
      if (result.success) inputs.body = result.output
      else if (value === undefined) problems.push({ in: 'body', name: '', pointer: '', message: 'is required' })
      else problems.push(...problemsOf('body', result.issues))
    }
    if (problems.length) throw new ValidationError(problems)
    return inputs
  }
}
