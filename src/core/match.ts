import { IttyRouter } from 'itty-router/IttyRouter'

/** A match: the route and its raw (still percent-encoded) parameters. */
export interface Match<R> {
  readonly route: R
  readonly params: Record<string, string>
}

type Compiled<R> = readonly [RegExp, R]
const EMPTY: Record<string, string> = /* @__PURE__ */ Object.freeze({}) as Record<string, string>
const noop = () => undefined
const PLAIN = /^[\w-]+$/
const PARAM = /^:\w+$/

/**
 * The regex itty-router compiles for a path made of plain segments and whole-segment `:params`, written directly
 * (the same source, character for character); undefined for any other pattern, which itty-router compiles.
 */
export function simplePattern(path: string): RegExp | undefined {
  let source = '^'
  for (const segment of path.split('/')) {
    if (segment === '') continue
    if (PARAM.test(segment)) source += `(/(?<${segment.slice(1)}>[^//]+?))`
    else if (PLAIN.test(segment)) source += `/${segment}`
    else return undefined
  }
  return new RegExp(`${source}/*$`)
}

const firstSegment = (path: string): string => {
  const end = path.indexOf('/', 1)
  return end === -1 ? path.slice(1) : path.slice(1, end)
}
const isDynamic = (segment: string) => segment.includes(':') || segment.includes('*')
const normalize = (path: string) => (path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path)

/**
 * Finds routes by method and path. Static paths are one map lookup; dynamic ones are bucketed by method
 * and first path segment, so a request runs itty-router's compiled regexes for its own bucket only and
 * lookup stays flat however many routes there are.
 */
export class Matcher<R> {
  private readonly exact = new Map<string, R>()
  private readonly buckets = new Map<string, Compiled<R>[]>()
  private readonly methods = new Set<string>()
  /** Static paths and dynamic first segments under any method: an unknown path is refused in two lookups. */
  private readonly known = new Set<string>()
  /** One itty-router compiles every pattern: making a router per route was most of registering one. */
  private readonly itty = IttyRouter()

  add(method: string, path: string, route: R): void {
    this.methods.add(method)
    if (!isDynamic(path)) {
      this.exact.set(`${method} ${normalize(path)}`, route)
      this.known.add(normalize(path))
      return
    }
    // itty-router compiles the pattern; we keep its regex and do the bucketing ourselves.
    let regex = simplePattern(path)
    if (!regex) {
      this.itty.all(path, noop)
      regex = this.itty.routes.pop()![1]
    }
    const first = firstSegment(path)
    const key = `${method} ${isDynamic(first) ? '*' : first}`
    this.known.add(isDynamic(first) ? '*' : `${first}/`)
    const bucket = this.buckets.get(key) ?? []
    bucket.push([regex, route])
    this.buckets.set(key, bucket)
  }

  match(method: string, path: string): Match<R> | undefined {
    const exact = this.exact.get(`${method} ${normalize(path)}`)
    if (exact !== undefined) return { route: exact, params: EMPTY }
    return (
      this.scan(this.buckets.get(`${method} ${firstSegment(path)}`), path) ??
      this.scan(this.buckets.get(`${method} *`), path)
    )
  }

  /** Methods with a route for this path, for 405 and OPTIONS answers. */
  allowed(path: string): string[] {
    const out: string[] = []
    if (!this.known.has('*') && !this.known.has(normalize(path)) && !this.known.has(`${firstSegment(path)}/`))
      return out
    for (const m of this.methods) if (this.match(m, path)) out.push(m)
    return out
  }

  private scan(bucket: Compiled<R>[] | undefined, path: string): Match<R> | undefined {
    if (!bucket) return undefined
    for (const [regex, route] of bucket) {
      const m = regex.exec(path)
      if (m) return { route, params: (m.groups as Record<string, string>) ?? EMPTY }
    }
    return undefined
  }
}
