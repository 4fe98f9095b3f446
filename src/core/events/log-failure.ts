import { errorFields, logLine } from '../triggers/log-line'

/** Logs a listener that threw, as one JSON error line carrying the request id. */
export function logListenerFailure(error: unknown, event: string, listener: string, requestId: string | undefined) {
  logLine('error', { msg: 'listener failed', event, listener, requestId, ...errorFields(error) })
}
