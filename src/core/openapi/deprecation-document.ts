import type { DeprecationFacts } from '../kernel/deprecation-notice'
import { type HeaderDocs, onEveryResponse } from '../kernel/document-headers'

const day = (date: Date) => date.toISOString().slice(0, 10)

/**
 * A deprecated route's part of its operation: `deprecated: true`, the dates and links in the description, and the
 * `Deprecation`/`Sunset`/`Link` headers its responses carry, declared on every response (errors included).
 */
export function documentDeprecation(operation: Record<string, unknown>, facts: DeprecationFacts | undefined): void {
  if (!facts) return
  operation.deprecated = true
  const said = [
    facts.since ? `Deprecated since ${day(facts.since)}.` : 'Deprecated.',
    ...(facts.sunset ? [`Sunset on ${day(facts.sunset)}: expected to stop answering from then on.`] : []),
    ...(facts.link ? [`See ${facts.link}.`] : []),
  ].join(' ')
  const own = typeof operation.description === 'string' ? operation.description : ''
  operation.description = own ? `${own}\n\n${said}` : said
  const headers: Record<string, HeaderDocs[string]> = {}
  if (facts.since)
    headers.Deprecation = {
      description:
        'When the operation was deprecated: a structured-field date, `@` and seconds since the epoch (RFC 9745)',
      schema: { type: 'string', pattern: '^@-?\\d+$', example: `@${Math.floor(facts.since.getTime() / 1000)}` },
    }
  if (facts.sunset)
    headers.Sunset = {
      description: 'When the operation is expected to stop answering, an HTTP-date (RFC 8594)',
      schema: { type: 'string', example: facts.sunset.toUTCString() },
    }
  if (facts.link || facts.sunsetLink)
    headers.Link = {
      description:
        'Where the deprecation (`rel="deprecation"`, RFC 9745) and the sunset (`rel="sunset"`, RFC 8594) are explained',
      schema: { type: 'string' },
    }
  if (Object.keys(headers).length) onEveryResponse(operation, headers)
}
