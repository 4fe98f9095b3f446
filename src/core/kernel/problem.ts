import { HttpError } from './errors'

/** The media type of RFC 9457 problem details. */
export const PROBLEM_JSON = 'application/problem+json'
const PROBLEM_HEADERS = { 'content-type': PROBLEM_JSON }

/**
 * The RFC 9457 response for an HTTP error; `instance` is the request path.
 * @example problemResponse(new HttpError(404), '/users/7')
 */
export function problemResponse(error: HttpError, instance: string): Response {
  const body = {
    ...error.extensions,
    type: error.type,
    title: error.title,
    status: error.status,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    instance,
  }
  // Most problems carry no headers of their own; a plain object spares building a Headers twice.
  let headers: HeadersInit = PROBLEM_HEADERS
  if (error.headers) {
    const own = new Headers(error.headers)
    own.set('content-type', PROBLEM_JSON)
    headers = own
  }
  return new Response(JSON.stringify(body), { status: error.status, headers })
}

/** Turns anything thrown into an HttpError; what is not one becomes a 500 that reveals nothing. */
export const asHttpError = (error: unknown): HttpError =>
  error instanceof HttpError ? error : new HttpError(500, { detail: 'An unexpected error occurred', cause: error })
