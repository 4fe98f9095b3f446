import { HttpError } from './errors'

/**
 * The 400 for a body whose stream failed before its end (a reset connection, broken chunked framing): the
 * request is incomplete, which is the client's problem, not a server error.
 * @example const bytes = await request.arrayBuffer().catch((e) => { throw unreadableBody(e) })
 */
export const unreadableBody = (cause?: unknown): HttpError =>
  new HttpError(400, { detail: 'The request body could not be read', cause })
