import type { Operation } from './operations'

/** Credentials that satisfy an operation's security, so hostile input reaches validation. */
export async function credentialsFor(op: Operation): Promise<Record<string, string>> {
  if (op.security.length === 0) return {}
  throw new Error(`${op.method} ${op.path}: no credentials for ${JSON.stringify(op.security)}`)
}
