import { HttpError } from '../kernel/errors'

/**
 * A connection refused for now (a cap of a room or a feed): its status, and the Retry-After seconds to back off.
 * @example throw refusal(503, 'The room is full', 30)
 */
export const refusal = (status: 429 | 503, detail: string, retryAfter: number): HttpError =>
  new HttpError(status, { detail, headers: { 'retry-after': String(retryAfter) } })
