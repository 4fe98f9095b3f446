/** One problem with one input value, as listed in a validation problem's `errors`. */
export interface FieldProblem {
  /** Where the value came from. */
  in: 'path' | 'query' | 'header' | 'cookie' | 'body'
  /** The field's name (dotted for nested body fields). */
  name: string
  /** JSON pointer to the field inside its location. */
  pointer: string
  message: string
}

/** Options of an HTTP error; extra members become RFC 9457 extension members. */
export interface HttpErrorOptions {
  detail?: string
  title?: string
  type?: string
  headers?: HeadersInit
  extensions?: Record<string, unknown>
  cause?: unknown
}

const titles: Record<number, string> = {
  101: 'Switching Protocols',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** The standard reason phrase of a status, or "Error". */
export const statusTitle = (status: number): string => titles[status] ?? 'Error'

/**
 * An error that becomes an RFC 9457 problem response with its status.
 * @example throw new HttpError(409, { detail: 'Email already registered' })
 */
export class HttpError extends Error {
  readonly status: number
  readonly title: string
  readonly type: string
  readonly detail: string | undefined
  readonly headers: HeadersInit | undefined
  readonly extensions: Record<string, unknown> | undefined

  constructor(status: number, options: HttpErrorOptions = {}) {
    // An HttpError is an expected answer, not a bug: capturing a stack trace was most of a 404's or 400's cost.
    // Unexpected errors keep their stacks (a 500 wraps the original error as its cause).
    const E = Error as { stackTraceLimit?: number }
    const limit = E.stackTraceLimit
    E.stackTraceLimit = 0
    super(options.detail ?? statusTitle(status), { cause: options.cause })
    E.stackTraceLimit = limit
    this.name = 'HttpError'
    this.status = status
    this.title = options.title ?? statusTitle(status)
    this.type = options.type ?? 'about:blank'
    this.detail = options.detail
    this.headers = options.headers
    this.extensions = options.extensions
  }
}

/** The problem type of request validation failures. */
export const VALIDATION_PROBLEM_TYPE = 'urn:problem-type:validation-error'

/**
 * A 400 listing every invalid input with its location and pointer.
 * @example throw new ValidationError([{ in: 'query', name: 'name', pointer: '/name', message: 'is required' }])
 */
export class ValidationError extends HttpError {
  readonly errors: FieldProblem[]

  /** `detail` defaults to the first problem's description, and how many more there are. */
  constructor(errors: FieldProblem[], detail?: string) {
    super(400, {
      type: VALIDATION_PROBLEM_TYPE,
      title: VALIDATION_TITLE,
      detail: detail ?? validationDetail(errors),
      extensions: { errors },
    })
    this.name = 'ValidationError'
    this.errors = errors
  }
}

/** The title of every validation problem. */
export const VALIDATION_TITLE = 'Request validation failed'

const locationNames = {
  path: 'path parameter',
  query: 'query parameter',
  header: 'header',
  cookie: 'cookie',
  body: 'body field',
}
const describe = (p: FieldProblem): string =>
  p.pointer === '' && (p.in === 'body' || p.name === '') ? p.in : `${locationNames[p.in]} "${p.name}"`

/** A validation problem's `detail`: the first problem, and how many more there are. */
export function validationDetail(errors: readonly FieldProblem[]): string {
  const first = errors[0]
  if (!first) return 'Invalid request'
  return errors.length > 1
    ? `${describe(first)} ${first.message} (and ${errors.length - 1} more)`
    : `${describe(first)} ${first.message}`
}

const thrower =
  (status: number) =>
  (detail?: string, options: Omit<HttpErrorOptions, 'detail'> = {}): never => {
    throw new HttpError(status, { ...options, detail })
  }

/** Throws 400. @example badRequest('Unknown sort field') */
export const badRequest = /* @__PURE__ */ thrower(400)
/** Throws 401; pass a `WWW-Authenticate` header in options. @example unauthorized('Token expired') */
export const unauthorized = /* @__PURE__ */ thrower(401)
/** Throws 403. @example forbidden('Only the owner may change this post') */
export const forbidden = /* @__PURE__ */ thrower(403)
/** Throws 404. @example (await repo.get(id)) ?? notFound(`User ${id} not found`) */
export const notFound = /* @__PURE__ */ thrower(404)
/** Throws 409. @example conflict('Email already registered') */
export const conflict = /* @__PURE__ */ thrower(409)
/** Throws 412. @example preconditionFailed('The resource has changed') */
export const preconditionFailed = /* @__PURE__ */ thrower(412)
/** Throws 429. @example tooManyRequests('Slow down', { headers: { 'Retry-After': '10' } }) */
export const tooManyRequests = /* @__PURE__ */ thrower(429)
/** Throws 503. @example serviceUnavailable('Maintenance', { headers: { 'Retry-After': '300' } }) */
export const serviceUnavailable = /* @__PURE__ */ thrower(503)
