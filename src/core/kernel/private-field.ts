import type * as v from 'valibot'

/**
 * How private a field is: `personal` data (an email, a role, an age) leaves the server only on routes a guard
 * restricts to its subject or to a role; a `secret` (a password hash) never leaves it.
 */
export type Privacy = 'personal' | 'secret'

/** The metadata key carrying a field's privacy; the OpenAPI document shows it as `x-private` on the field. */
export const PRIVATE_KEY = 'x-private'

type Schema = v.GenericSchema

/** The privacy a schema itself is marked with (looking through its own pipe), or undefined. */
export function privacyOf(schema: Schema): Privacy | undefined {
  const pipe = (schema as { pipe?: readonly { kind: string; type: string; metadata?: Record<string, unknown> }[] }).pipe
  if (!pipe) return undefined
  for (const item of pipe) {
    if (item.kind === 'metadata' && item.type === 'metadata') {
      const mark = item.metadata?.[PRIVATE_KEY]
      if (mark === 'personal' || mark === 'secret') return mark
    }
  }
  const first = pipe[0] as unknown as Schema | undefined
  return first && first !== schema && (first as { kind?: string }).kind === 'schema' ? privacyOf(first) : undefined
}

/** A private field reachable from a schema: its dotted path (`items[].email`), its key and its privacy. */
export interface PrivateField {
  readonly path: string
  readonly key: string
  readonly privacy: Privacy
}

type Node = {
  type?: string
  entries?: Record<string, Schema>
  item?: Schema
  items?: readonly Schema[]
  options?: readonly Schema[]
  wrapped?: Schema
  value?: Schema
  rest?: Schema
  pipe?: readonly unknown[]
}

/**
 * Every private field a schema can carry, walking objects, arrays, tuples, unions, variants, intersections,
 * records and optional/nullable wrappers (lazy schemas are not followed).
 * @example privateFields(pageOf('UserPage', UserRead)) // [{ path: 'items[].email', key: 'email', privacy: 'personal' }, ...]
 */
export function privateFields(schema: Schema, path = '', out: PrivateField[] = [], seen = new Set<unknown>()) {
  if (seen.has(schema)) return out
  seen.add(schema)
  const n = schema as unknown as Node
  const pipeRoot = n.pipe?.[0] as Node | undefined
  // A pipe's own fields are the root schema's, spread: walk those; a nested pipe is walked through its root.
  if (pipeRoot && pipeRoot !== n && !n.entries && !n.item && !n.options && !n.wrapped)
    privateFields(pipeRoot as unknown as Schema, path, out, seen)
  const at = (key: string) => (path ? `${path}.${key}` : key)
  if (n.entries)
    for (const [key, entry] of Object.entries(n.entries)) {
      const privacy = privacyOf(entry) ?? wrappedPrivacy(entry)
      if (privacy) out.push({ path: at(key), key, privacy })
      privateFields(entry, at(key), out, seen)
    }
  if (n.item) privateFields(n.item, `${path}[]`, out, seen)
  for (const s of n.items ?? []) privateFields(s, `${path}[]`, out, seen)
  for (const s of n.options ?? []) privateFields(s, path, out, seen)
  if (n.wrapped) privateFields(n.wrapped, path, out, seen)
  if (n.value) privateFields(n.value, `${path}{}`, out, seen)
  if (n.rest) privateFields(n.rest, `${path}{}`, out, seen)
  return out
}

/** The privacy of an optional/nullable field's inner schema (`partial()` wraps a marked field). */
function wrappedPrivacy(schema: Schema): Privacy | undefined {
  let s = (schema as unknown as Node).wrapped
  while (s) {
    const mark = privacyOf(s)
    if (mark) return mark
    s = (s as unknown as Node).wrapped
  }
  return undefined
}
