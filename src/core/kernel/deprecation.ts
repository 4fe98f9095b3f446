/**
 * A layer's deprecation: `true` marks its operations deprecated in the document only (RFC 9745's header needs a
 * date); with `since` every response says `Deprecation: @<seconds>`, with `sunset` `Sunset: <HTTP-date>` (RFC
 * 8594), with `link`/`sunsetLink` a `Link` to what explains it. Dates are `Date`s or ISO 8601 strings.
 */
export type Deprecation =
  | boolean
  | {
      /** When the operation was (or will be) deprecated. */
      readonly since?: Date | string
      /** When it is expected to stop answering; not before `since`. */
      readonly sunset?: Date | string
      /** A page on the deprecation and what replaces the operation (`rel="deprecation"`). */
      readonly link?: string
      /** A page on the sunset (`rel="sunset"`). */
      readonly sunsetLink?: string
    }

/** What a deprecation says, checked: dates as instants, links as they go into the `Link` header. */
export interface DeprecationFacts {
  readonly since?: Date
  readonly sunset?: Date
  readonly link?: string
  readonly sunsetLink?: string
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/
// A URI reference as it may sit between `<` and `>` in a Link header: visible ASCII but `"`, `<`, `>` and `\`.
const LINK = /^[!#-;=?-[\]-~]+$/

const instant = (where: string, field: string, value: Date | string): Date => {
  const date =
    typeof value === 'string' && ISO.test(value) ? new Date(value) : value instanceof Date ? value : undefined
  if (!date || Number.isNaN(date.getTime()))
    throw new Error(
      `${where} sets deprecated.${field} to ${JSON.stringify(String(value))}, which is not a date (ISO 8601 or a Date)`,
    )
  return date
}

const uri = (where: string, field: string, value: string): string => {
  if (!LINK.test(value) || !URL.canParse(value, 'https://host.invalid/'))
    throw new Error(`${where} sets deprecated.${field} to ${JSON.stringify(value)}, which is not a URI reference`)
  return value
}

/**
 * Checks a route's merged `deprecated` option at build: a date that does not parse, a sunset before the
 * deprecation, or a link that cannot go into a header refuses the route, naming it.
 */
export function deprecationOf(where: string, value: Deprecation | undefined): DeprecationFacts | undefined {
  if (!value) return undefined
  if (value === true) return {}
  const since = value.since === undefined ? undefined : instant(where, 'since', value.since)
  const sunset = value.sunset === undefined ? undefined : instant(where, 'sunset', value.sunset)
  if (since && sunset && sunset < since)
    throw new Error(
      `${where} sets deprecated.sunset (${sunset.toISOString()}) before deprecated.since (${since.toISOString()}): an operation is deprecated before it goes away`,
    )
  return {
    ...(since ? { since } : {}),
    ...(sunset ? { sunset } : {}),
    ...(value.link === undefined ? {} : { link: uri(where, 'link', value.link) }),
    ...(value.sunsetLink === undefined ? {} : { sunsetLink: uri(where, 'sunsetLink', value.sunsetLink) }),
  }
}

/**
 * The headers every response of a deprecated route carries: `Deprecation` as a structured-field date (RFC 9745,
 * `@` and whole seconds since the epoch), `Sunset` as an HTTP-date (RFC 8594), and their links in one `Link`.
 */
export function deprecationHeaders(facts: DeprecationFacts | undefined): Record<string, string> | undefined {
  if (!facts) return undefined
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
