import type { RequestLogLine } from './logging'

/**
 * Where a given request's log line goes instead of the logger's default: set by the testing kit for the requests
 * it sends, so a suite's output stays quiet and a test can assert on its lines. Keyed by the Request object, so
 * nothing outlives the request and a Worker in production never has an entry.
 */
export const logSinks = new WeakMap<Request, (line: RequestLogLine) => void>()
