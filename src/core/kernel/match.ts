import { IttyRouter } from 'itty-router/IttyRouter'

/** A match: the route and its raw (still percent-encoded) parameters. */
export interface Match<R> {
  readonly route: R
  readonly params: Record<string, string>
}

/**
 * A dynamic route: its pattern, and how it is matched, prepared when its bucket is first searched (a request
 * prepares the few patterns of its own bucket; registering a thousand routes prepares none): its segments (a
 * literal, or `:name`), or the regex itty-router compiles for it.
 */
interface Dynamic<R> {
  readonly pattern: string
  readonly route: R
  segments?: readonly string[] | undefined
  regex?: RegExp
}
const EMPTY: Record<string, string> = /* @__PURE__ */ Object.freeze({}) as Record<string, string>
const noop = () => undefined
const SIMPLE = /^(?:\/+(?::\w+|[\w-]+))+\/*$/
const SLASH = 47

/**
 * The segments of a path made of plain segments and whole-segment `:params` (`['users', ':id']`), matched
 * without a regex; undefined for any other pattern, which itty-router compiles. Matching them accepts exactly
 * what itty-router's regex for the path does (`test/workers/core/match.test.ts` checks both on many paths).
 */
export function simpleSegments(path: string): readonly string[] | undefined {
  // `:__proto__` would set a plain object's prototype instead of a parameter: its pattern goes to itty-router.
  if (!SIMPLE.test(path) || path.includes(':__proto__')) return undefined
  return path.split('/').filter((s) => s !== '')
}

/**
 * The raw parameters if `path` matches the segments: every segment non-empty, literals equal, any number of
 * trailing slashes (as itty-router's `/*$`).
 */
export function matchSegments(segments: readonly string[], path: string): Record<string, string> | undefined {
  let end = path.length
  while (end > 1 && path.charCodeAt(end - 1) === SLASH) end--
  let at = 0
  let params: Record<string, string> | undefined
  for (const segment of segments) {
    if (at >= end || path.charCodeAt(at) !== SLASH) return undefined
    const from = at + 1
    let to = path.indexOf('/', from)
    if (to === -1 || to > end) to = end
    if (to === from) return undefined
    if (segment.charCodeAt(0) === 58) {
      // A plain object: one made with a null prototype is a slow dictionary, and costs more than the regex saved.
      params ??= {}
      params[segment.slice(1)] = path.slice(from, to)
    } else if (to - from !== segment.length || !path.startsWith(segment, from)) return undefined
    at = to
  }
  return at === end ? (params ?? EMPTY) : undefined
}

const firstSegment = (path: string): string => {
  const end = path.indexOf('/', 1)
  return end === -1 ? path.slice(1) : path.slice(1, end)
}
const isDynamic = (segment: string) => segment.includes(':') || segment.includes('*')
const normalize = (path: string) => (path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path)

/**
 * Finds routes by method and path. Static paths are one map lookup; dynamic ones are bucketed by method
 * and first path segment, so a request tries its own bucket's patterns only and lookup stays flat however many
 * routes there are. Plain patterns compare segments; only the others pay for an itty-router regex.
 */
export class Matcher<R> {
  private readonly exact = new Map<string, R>()
  /** Static paths under any method: such a path owns its method set and never falls through to a `:param` route. */
  private readonly statics = new Set<string>()
  private readonly methods = new Set<string>()
  /** Static paths and dynamic first segments under any method: an unknown path is refused in two lookups. */
  private readonly known = new Set<string>()
  /** One itty-router compiles every other pattern: making a router per route was most of registering one. */
  private itty: ReturnType<typeof IttyRouter> | undefined
  private readonly buckets = new Map<string, Dynamic<R>[]>()

  add(method: string, path: string, route: R): void {
    this.methods.add(method)
    if (!isDynamic(path)) {
      this.exact.set(`${method} ${normalize(path)}`, route)
      this.known.add(normalize(path))
      this.statics.add(normalize(path))
      return
    }
    const first = firstSegment(path)
    const key = `${method} ${isDynamic(first) ? '*' : first}`
    this.known.add(isDynamic(first) ? '*' : `${first}/`)
    const bucket = this.buckets.get(key)
    if (bucket) bucket.push({ pattern: path, route })
    else this.buckets.set(key, [{ pattern: path, route }])
  }

  private prepare(entry: Dynamic<R>): void {
    entry.segments = simpleSegments(entry.pattern)
    if (entry.segments) return
    this.itty ??= IttyRouter()
    this.itty.all(entry.pattern, noop)
    entry.regex = this.itty.routes.pop()![1]
  }

  match(method: string, path: string): Match<R> | undefined {
    const key = normalize(path)
    const exact = this.exact.get(`${method} ${key}`)
    if (exact !== undefined) return { route: exact, params: EMPTY }
    // `DELETE /posts/live` is not `DELETE /posts/:id`: the static route answers 405 with its own methods.
    if (this.statics.has(key)) return undefined
    return (
      this.scan(this.buckets.get(`${method} ${firstSegment(path)}`), path) ??
      this.scan(this.buckets.get(`${method} *`), path)
    )
  }

  /** Methods with a route for this path, for 405 and OPTIONS answers (a static path's own methods only). */
  allowed(path: string): string[] {
    const out: string[] = []
    if (!this.known.has('*') && !this.known.has(normalize(path)) && !this.known.has(`${firstSegment(path)}/`))
      return out
    for (const m of this.methods) if (this.match(m, path)) out.push(m)
    return out
  }

  private scan(bucket: Dynamic<R>[] | undefined, path: string): Match<R> | undefined {
    if (!bucket) return undefined
    for (const entry of bucket) {
      if (entry.segments === undefined && entry.regex === undefined) this.prepare(entry)
      if (entry.segments) {
        const params = matchSegments(entry.segments, path)
        if (params) return { route: entry.route, params }
        continue
      }
      const m = entry.regex!.exec(path)
      if (m) return { route: entry.route, params: (m.groups as Record<string, string>) ?? EMPTY }
    }
    return undefined
  }
}
