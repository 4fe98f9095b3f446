import type * as v from 'valibot'

/** A path-parameter schema layers can share: a valibot object, whose entries routers and handlers merge by key. */
export type ParamsSchema = v.GenericSchema & { readonly entries: v.ObjectEntries }

/** A context whose `params` are the output of `P`; unchanged when `P` is undefined. */
export type WithParamsOf<C, P> = P extends ParamsSchema ? Omit<C, 'params'> & { readonly params: v.InferOutput<P> } : C

/** The entries of an object schema, or undefined for any other schema. */
export const entriesOf = (schema: unknown): v.ObjectEntries | undefined =>
  (schema as { entries?: v.ObjectEntries } | undefined)?.entries

/**
 * Merges an inner layer's path-parameter schema under an outer one's: entries by key, the inner one winning. An
 * inner schema that already holds every outer entry is kept as it is, as is one that is not an object (the route
 * then validates with it alone, and guards or providers reading the outer entries refuse to build).
 * @example mergeParams(v.object({ postId }), v.object({ id })) // v.object({ postId, id })
 */
export function mergeParams<S extends v.GenericSchema | undefined>(outer: S, inner: S): S {
  if (!inner) return outer
  const a = entriesOf(outer)
  const b = entriesOf(inner)
  if (!a || !b) return inner
  for (const key in a) if (b[key] !== a[key]) return objectLike(inner, outer)({ ...a, ...b }) as unknown as S
  return inner
}

// A valibot schema carries the factory that made it as `reference`.
type Shape = {
  readonly type: string
  readonly reference: (...args: unknown[]) => unknown
  readonly message?: unknown
  readonly rest?: unknown
}

/**
 * What makes the merged object schema: the factory of a plain `v.object` among the two, as merging always made,
 * else the inner schema's own (with its rest and message). Through `reference`, merging params bundles no object
 * schema of its own, so an app whose routers declare none pays nothing for it.
 */
function objectLike(inner: unknown, outer: unknown): (entries: v.ObjectEntries) => unknown {
  const i = inner as Shape
  const o = outer as Shape
  if (i.type === 'object') return (entries) => i.reference(entries)
  if (o.type === 'object') return (entries) => o.reference(entries)
  return i.type === 'object_with_rest'
    ? (entries) => i.reference(entries, i.rest, i.message)
    : (entries) => i.reference(entries, i.message)
}

const NAMES = /:([A-Za-z0-9_]+)/g

/** Checks at build that a route's params schema names only parameters its path has; throws naming route and key. */
export function checkPathParams(route: string, path: string, own: v.ObjectEntries): void {
  const names = new Set([...path.matchAll(NAMES)].map((m) => m[1]))
  for (const key in own)
    if (!names.has(key)) throw new Error(`Route ${route} declares the path parameter "${key}", which its path lacks`)
}
