/** A response header as the OpenAPI document describes it. */
export interface HeaderDoc {
  readonly description: string
  readonly schema: Readonly<Record<string, unknown>>
}

/** Header name -> what it says. */
export type HeaderDocs = Readonly<Record<string, HeaderDoc>>

/** A request parameter as the OpenAPI document describes it (`name`, `in`, `required`, `schema`, ...). */
export type ParameterDoc = Readonly<{ name: string; in: 'header' | 'query' | 'cookie'; required: boolean }> &
  Readonly<Record<string, unknown>>

// A symbol key: the note never reaches the serialized document, only the generator reads it.
const EVERY_RESPONSE = Symbol('headers on every response')

type Operation = Record<string | symbol, unknown>

/**
 * Declares headers every response of an operation carries, its errors included (rate-limit state, a cache's
 * verdict, a bookmark): the document generator puts them on each response, shared ones too, by reference to
 * `components.headers`. For a stage's `document` hook and the generator's own layer options.
 * @example onEveryResponse(operation, { RateLimit: { description: 'What is left', schema: { type: 'string' } } })
 */
export function onEveryResponse(operation: Record<string, unknown>, headers: HeaderDocs): void {
  const op = operation as Operation
  op[EVERY_RESPONSE] = { ...(op[EVERY_RESPONSE] as HeaderDocs | undefined), ...headers }
}

/** Takes the headers declared with `onEveryResponse` off an operation: the finished document holds no note. */
export function takeEveryResponseHeaders(operation: Record<string, unknown>): HeaderDocs | undefined {
  const op = operation as Operation
  const headers = op[EVERY_RESPONSE] as HeaderDocs | undefined
  delete op[EVERY_RESPONSE]
  return headers
}
