import type * as v from 'valibot'
import type { Guard } from './guard'
import type { HandlerSpec } from './handler'
import { type PrivateField, privateFields } from './private-field'

/** A reviewed exception: personal fields a route returns without a restricting guard, and why that is safe. */
export interface ExposesPrivate {
  /** The field names (keys, as in the response) the route may return. */
  readonly fields: readonly string[]
  /** Why: read by reviewers, and listed in the security documentation. */
  readonly reason: string
}

/** The schemas a route sends as the kernel knows them: its response and its other documented responses. */
function sentSchemas(spec: HandlerSpec): v.GenericSchema[] {
  const out: v.GenericSchema[] = []
  if (spec.response) out.push(spec.response)
  for (const r of Object.values(spec.responses ?? {})) if (r.schema) out.push(r.schema)
  return out
}

/**
 * Refuses, at app construction, a route that would send a private field to whoever asks: a `secret` field on any
 * route, and a `personal` one unless a guard of the route declares `restricts` (to the subject or to a role) or
 * the route's `exposesPrivate` names the field with a reason. The error names the route and the field. The kernel
 * checks the response schemas; a plugin that sends others (events, a channel's messages) passes them as `schemas`.
 * @example checkPrivateViews('GET /live', route.spec, route.config.guards ?? [], Object.values(route.spec.events))
 */
export function checkPrivateViews(
  name: string,
  spec: HandlerSpec,
  guards: readonly Guard[],
  schemas: readonly v.GenericSchema[] = sentSchemas(spec),
): void {
  if (schemas.length === 0) return
  const found: PrivateField[] = []
  for (const s of schemas) privateFields(s, '', found)
  if (found.length === 0) return
  const restricted = guards.some((g) => g.meta?.restricts !== undefined)
  const allowed = new Set(spec.exposesPrivate?.fields ?? [])
  if (spec.exposesPrivate && !spec.exposesPrivate.reason.trim())
    throw new Error(`Route ${name}: exposesPrivate needs a reason`)
  for (const f of found) {
    if (f.privacy === 'secret')
      throw new Error(`Route ${name} would send the secret field "${f.path}": secrets never leave the server`)
    if (!restricted && !allowed.has(f.key))
      throw new Error(
        `Route ${name} would send the personal field "${f.path}" to any caller: add a guard that restricts it ` +
          `to the subject or a role (GuardMeta.restricts), use a public view, or declare exposesPrivate with a reason`,
      )
  }
}
