import { type DeprecationFacts, DeprecationNotice } from './deprecation-notice'

/** What `deprecation()` takes: dates as `Date`s or ISO 8601 strings, links as URI references. */
export interface DeprecationOptions {
  /** When the operation was (or will be) deprecated. */
  readonly since?: Date | string
  /** When it is expected to stop answering; not before `since`. */
  readonly sunset?: Date | string
  /** A page on the deprecation and what replaces the operation (`rel="deprecation"`). */
  readonly link?: string
  /** A page on the sunset (`rel="sunset"`). */
  readonly sunsetLink?: string
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/
// A URI reference as it may sit between `<` and `>` in a Link header: visible ASCII but `"`, `<`, `>` and `\`.
const LINK = /^[!#-;=?-[\]-~]+$/

const instant = (field: string, value: Date | string): Date => {
  const date =
    typeof value === 'string' && ISO.test(value) ? new Date(value) : value instanceof Date ? value : undefined
  if (!date || Number.isNaN(date.getTime()))
    throw new Error(
      `deprecation() sets ${field} to ${JSON.stringify(String(value))}, which is not a date (ISO 8601 or a Date)`,
    )
  return date
}

const uri = (field: string, value: string): string => {
  if (!LINK.test(value) || !URL.canParse(value, 'https://host.invalid/'))
    throw new Error(`deprecation() sets ${field} to ${JSON.stringify(value)}, which is not a URI reference`)
  return value
}

/**
 * The headers every response of a deprecated route carries: `Deprecation` as a structured-field date (RFC 9745,
 * `@` and whole seconds since the epoch), `Sunset` as an HTTP-date (RFC 8594), and their links in one `Link`.
 */
function headersOf(facts: DeprecationFacts): Record<string, string> | undefined {
  const headers: Record<string, string> = {}
  if (facts.since) headers.deprecation = `@${Math.floor(facts.since.getTime() / 1000)}`
  if (facts.sunset) headers.sunset = facts.sunset.toUTCString()
  const links = [
    ...(facts.link ? [`<${facts.link}>; rel="deprecation"`] : []),
    ...(facts.sunsetLink ? [`<${facts.sunsetLink}>; rel="sunset"`] : []),
  ]
  if (links.length) headers.link = links.join(', ')
  return Object.keys(headers).length ? headers : undefined
}

/**
 * A deprecation with dates and links, for any layer's `deprecated`: every response of the routes below carries
 * `Deprecation: @<seconds>` (with `since`, RFC 9745), `Sunset: <HTTP-date>` (with `sunset`, RFC 8594) and a `Link`
 * to what explains them, and the document says so. Checked when called: a date that does not parse, a sunset
 * before the deprecation, or a link that could break the header throws. Its code comes only with its use.
 * @example router({ path: '/v1', deprecated: deprecation({ since: '2026-01-01', sunset: '2026-07-01' }), handlers })
 */
export function deprecation(options: DeprecationOptions): DeprecationNotice {
  const since = options.since === undefined ? undefined : instant('since', options.since)
  const sunset = options.sunset === undefined ? undefined : instant('sunset', options.sunset)
  if (since && sunset && sunset < since)
    throw new Error(
      `deprecation() sets sunset (${sunset.toISOString()}) before since (${since.toISOString()}): an operation is deprecated before it goes away`,
    )
  const facts: DeprecationFacts = {
    ...(since ? { since } : {}),
    ...(sunset ? { sunset } : {}),
    ...(options.link === undefined ? {} : { link: uri('link', options.link) }),
    ...(options.sunsetLink === undefined ? {} : { sunsetLink: uri('sunsetLink', options.sunsetLink) }),
  }
  const headers = headersOf(facts)
  return new DeprecationNotice(headers ? { ...facts, headers } : facts)
}
