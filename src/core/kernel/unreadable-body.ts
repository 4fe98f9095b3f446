import type { HttpError } from './errors'
import { inputError } from './input-error'

/**
 * The 400 for a body whose stream failed before its end (a reset connection, broken chunked framing): the
 * request is incomplete, which is the client's problem, not a server error.
 * @example const bytes = await request.arrayBuffer().catch((e) => { throw unreadableBody(e) })
 */
export const unreadableBody = (cause?: unknown): HttpError => {
  const error = inputError('body', '', 'could not be read to its end', 'The request body could not be read')
  ;(error as { cause?: unknown }).cause = cause
  return error
}
