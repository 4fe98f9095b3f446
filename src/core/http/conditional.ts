import * as v from 'valibot'
import type { RequestContext } from '../kernel/context'

/**
 * The strong entity tag of a resource version.
 * @example entityTag(3) // '"3"'
 */
export const entityTag = (version: number | string): string => `"${version}"`

/** Splits an If-Match / If-None-Match value into its tags; `*` stays `*`. */
const tagsOf = (header: string): string[] => header.match(/\*|(?:W\/)?"[^"]*"/g) ?? []

/**
 * Whether a GET can be answered 304: `If-None-Match` names the current tag (weak comparison) or is `*`.
 * @example if (notModified(headers['if-none-match'], etag)) return new Response(null, { status: 304, headers: { etag } })
 */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const bare = etag.replace(/^W\//, '')
  return tagsOf(ifNoneMatch).some((t) => t === '*' || t.replace(/^W\//, '') === bare)
}

/**
 * The versions an `If-Match` header allows, for a conditional write: undefined without the header or with
 * `*` (any current version), else the numeric strong tags (weak tags never match, RFC 9110 13.1.1).
 * @example await repo.update(id, body, { versions: versionsFromIfMatch(headers['if-match']) })
 */
export function versionsFromIfMatch(ifMatch: string | undefined): number[] | undefined {
  if (ifMatch === undefined) return undefined
  const tags = tagsOf(ifMatch)
  if (tags.includes('*')) return undefined
  const out: number[] = []
  for (const t of tags) {
    const m = /^"(\d{1,15})"$/.exec(t)
    if (m) out.push(Number(m[1]))
  }
  return out
}

/**
 * Request header entries of conditional requests, documented: `if-none-match` on reads, `if-match` on writes.
 * @example headers: v.object({ ...conditionalHeaders.read })
 */
export const conditionalHeaders = {
  read: {
    'if-none-match': v.optional(
      v.pipe(v.string(), v.description('An ETag from an earlier response: answered 304 while still current')),
    ),
  },
  write: {
    'if-match': v.optional(
      v.pipe(v.string(), v.description('The ETag you last read: the write fails with 412 if the resource changed')),
    ),
  },
}

/** The documented `ETag` response header of a versioned resource. @example successHeaders: etagHeader */
export const etagHeader = {
  etag: { description: 'Strong entity tag of this version; send it back in If-Match or If-None-Match' },
}

/** The documented 304 answer of a conditional GET. @example responses: notModifiedResponse */
export const notModifiedResponse = {
  304: { description: 'Not Modified: your copy (If-None-Match) is current', headers: etagHeader },
}

/**
 * Answers a read of a versioned resource: sets its ETag, and gives a 304 instead of the body when
 * `If-None-Match` shows the client's copy is current.
 * @example return versioned(ctx, user.version, user, headers['if-none-match'])
 */
export function versioned<T>(
  ctx: RequestContext<unknown>,
  version: number,
  value: T,
  ifNoneMatch?: string,
): T | Response {
  const etag = entityTag(version)
  if (notModified(ifNoneMatch, etag)) return new Response(null, { status: 304, headers: { etag } })
  ctx.responseHeaders.set('etag', etag)
  return value
}
