/** What a deprecation says, checked: dates as instants, links as they go into the `Link` header. */
export interface DeprecationFacts {
  readonly since?: Date
  readonly sunset?: Date
  readonly link?: string
  readonly sunsetLink?: string
  /** The `Deprecation`/`Sunset`/`Link` headers every response of the route carries, made once. */
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * A deprecation with dates or links, checked and turned into headers once by `deprecation()`, the only maker: an
 * app that deprecates nothing bundles none of the date parsing or header building.
 */
export class DeprecationNotice {
  // Nominal: an object literal is not a notice, so `deprecated: { since }` is a type error as it is a build error.
  declare private readonly madeBy: 'deprecation()'
  constructor(readonly facts: DeprecationFacts) {}
}

/**
 * A layer's deprecation: `true` marks its operations deprecated in the document only (RFC 9745's header needs a
 * date); `deprecation({ since, sunset, link, sunsetLink })` also sends `Deprecation`/`Sunset`/`Link` on every
 * response; `false` undoes an outer layer's.
 */
export type Deprecation = boolean | DeprecationNotice

/**
 * A route's merged `deprecated` option at build: anything but a boolean or a notice (an object written by hand, as
 * a JavaScript caller may) refuses the route, naming it: it is never ignored.
 */
export function deprecationOf(where: string, value: unknown): DeprecationFacts | undefined {
  if (value instanceof DeprecationNotice) return value.facts
  if (value === true) return {}
  if (value === false || value === undefined) return undefined
  throw new Error(
    `${where} sets deprecated to ${JSON.stringify(value)}, which deprecation() did not make: use deprecation() or true`,
  )
}
