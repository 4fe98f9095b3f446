/** Writes one JSON log line of a trigger run: info to console.log, warnings and errors to console.error. */
export function logLine(level: 'info' | 'warn' | 'error', fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, ...fields })
  if (level === 'info') console.log(line)
  else console.error(line)
}

/** An error's message and stack, for a log line. */
export const errorFields = (error: unknown): { error: string; stack: string | undefined } => {
  const e = error instanceof Error ? error : new Error(String(error))
  return { error: e.message, stack: e.stack }
}
