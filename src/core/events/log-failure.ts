/** Logs a listener that threw, as one JSON error line carrying the request id. */
export function logListenerFailure(error: unknown, event: string, listener: string, requestId: string | undefined) {
  const e = error instanceof Error ? error : new Error(String(error))
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'listener failed',
      event,
      listener,
      requestId,
      error: e.message,
      stack: e.stack,
    }),
  )
}
