import { canonicalJson } from '../http/canonical-json'
import { notModified } from '../http/conditional'
import { sha256Hex } from '../kernel/bounded-key'
import type { RequestContext } from '../kernel/context'
import type { Middleware } from '../kernel/middleware'
import type { Plugin } from '../kernel/plugin'
import type { ResolvedRoute } from '../kernel/route'
import type { Stage } from '../kernel/stage'
import { checkTtl, type StoreDefinition } from '../stores/store'
import type { CacheConfig } from './cache-config'
import type { CacheFacts } from './cache-document'
import { type CacheEntry, etagOf, fromEntry, toEntry } from './cache-entry'
import { checkTags, fillTags, purgeTags, tagVersions } from './cache-tags'
import { writtenTags } from './written-tags'

/** Options of the response-cache plugin. */
export interface ResponseCacheOptions {
  /** Where entries and tag versions live, e.g. `stores.definition('responseCache')`. */
  readonly store: StoreDefinition
  /** Who the caller is, for `varyBy: ['user']`; null for anonymous. A throw (bad token) fails the request. */
  readonly user?: (
    ctx: RequestContext,
  ) => string | number | null | undefined | Promise<string | number | null | undefined>
  /** Request headers that mark a request as carrying credentials (default: authorization, cookie, x-api-key). */
  readonly credentialHeaders?: readonly string[]
  /** The cache's name in `Cache-Status` (default 'edgestar'). */
  readonly name?: string
}

/**
 * The route and its validated path parameters and query, so every spelling of one request (`/users/%32`,
 * `/users/02`) shares one entry. A route that declares no query keys by the sorted raw query: it may read it.
 */
const defaultKey = (route: ResolvedRoute) => (ctx: RequestContext) => {
  if (route.spec.query) return `GET ${route.path} ${canonicalJson(ctx.params)} ${canonicalJson(ctx.query)}`
  const query = [...ctx.url.searchParams].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
  return `GET ${route.path} ${canonicalJson(ctx.params)} ?${new URLSearchParams(query)}`
}

/**
 * Caches successful GET responses of routes with `cache: { ttl }` and purges tagged entries after writes with
 * `cache: { purge }`. Misconfiguration (a ttl the store refuses, an unknown tag parameter) throws in createApp.
 * @example createApp({ plugins: [responseCache({ store: stores.definition('responseCache'), user: (ctx) => ... })], handlers })
 */
export function responseCache(options: ResponseCacheOptions): Plugin {
  const { store } = options
  const cacheName = options.name ?? 'edgestar'
  const credentialHeaders = options.credentialHeaders ?? ['authorization', 'cookie', 'x-api-key']
  // Tag versions must outlive every entry made under them, so they live as long as the longest ttl plus a margin.
  let longestTtl = 0
  const tagTtl = () => Math.max(longestTtl, store.rules.minTtl) + 60

  const readStage = (route: ResolvedRoute, where: string): Middleware => {
    const cache: CacheConfig = route.config.cache || {}
    const ttl = cache.ttl
    if (ttl === undefined) throw new Error(`${where}: cache needs a ttl (seconds)`)
    checkTtl(store.rules, ttl, `${where} cache`)
    longestTtl = Math.max(longestTtl, ttl)
    const maxAge = cache.maxAge ?? 0
    if (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > ttl)
      throw new Error(`${where}: cache maxAge must be a whole number of seconds between 0 and the ttl`)
    const varyBy = cache.varyBy ?? []
    const byUser = varyBy.includes('user')
    const varyHeaders = varyBy.filter((h) => h !== 'user').map((h) => h.toLowerCase())
    if (byUser && !options.user) throw new Error(`${where}: cache varies by user, but responseCache has no user option`)
    const tags = cache.tags ?? []
    checkTags(tags, route.path, where)
    const makeKey = cache.key ?? defaultKey(route)
    const vary = [...varyHeaders, ...(byUser ? credentialHeaders : [])].join(', ')

    return async function responseCacheLookup(ctx, next) {
      const credentialed = credentialHeaders.some((h) => ctx.request.headers.has(h))
      if (credentialed && !byUser) {
        // A shared entry must never answer (or be filled by) a caller whose response may depend on who they are.
        const response = await next()
        return decorate(response, { status: `${cacheName}; fwd=bypass; detail=credentials` })
      }
      const open = store.open(ctx.env)
      const entries = open.namespace('entry')
      const tagStore = open.namespace('tag')
      let base = await makeKey(ctx)
      for (const h of varyHeaders) base += `\n${h}: ${ctx.request.headers.get(h) ?? ''}`
      if (byUser) base += `\nuser: ${credentialed ? ((await options.user?.(ctx)) ?? 'anonymous') : 'anonymous'}`
      const key = await sha256Hex(base)
      const filled = fillTags(tags, ctx.params)
      const [raw, versions] = await Promise.all([entries.get(key), tagVersions(tagStore, filled)])
      const entry = raw ? (JSON.parse(raw) as CacheEntry) : undefined
      const fresh = entry && entry.expires > Date.now() && filled.every((t) => entry.versions[t] === versions[t])
      const control = `${byUser ? 'private' : 'public'}, max-age=${maxAge}${maxAge === 0 ? ', must-revalidate' : ''}`
      if (entry && fresh) {
        const left = Math.max(0, Math.floor((entry.expires - Date.now()) / 1000))
        return conditional(ctx, fromEntry(entry), entry.etag, control, vary, `${cacheName}; hit; ttl=${left}`)
      }
      // Headers the handler adds through ctx.responseHeaders belong to the entry; those set before (rate limits) do not.
      const before = new Map(ctx.responseHeaders)
      const response = await next()
      const forward = `${cacheName}; fwd=${entry ? 'stale' : 'uri-miss'}`
      const headers = new Headers(response.headers)
      for (const [name, value] of ctx.responseHeaders) if (before.get(name) !== value) headers.set(name, value)
      // Only a finished 200 is stored: never a stream of events (reading it would wait forever), an upgrade, a cookie.
      if (
        response.status !== 200 ||
        headers.has('set-cookie') ||
        /no-store/.test(headers.get('cache-control') ?? '') ||
        /^text\/event-stream/i.test(headers.get('content-type') ?? '')
      )
        return decorate(response, { status: forward })
      const body = await response.arrayBuffer()
      // A validator the handler chose (a row version) wins, so a hit and a miss give the same ETag.
      const etag = headers.get('etag') ?? (await etagOf(body))
      const made = toEntry(response.status, headers, body, etag, versions, Date.now() + ttl * 1000)
      // The write is best effort and off the response path: a lost write is only a later miss.
      ctx.waitUntil(
        entries.set(key, JSON.stringify(made), { ttl }).catch((e: unknown) => {
          console.warn(JSON.stringify({ level: 'warn', event: 'cache-write-failed', route: where, error: String(e) }))
        }),
      )
      return conditional(
        ctx,
        new Response(body, { status: response.status, headers }),
        etag,
        control,
        vary,
        `${forward}; stored`,
      )
    }
  }

  // Purges follow from what the route wrote (the tags its repositories recorded), plus any it names itself.
  const writeStage = (route: ResolvedRoute, where: string): Middleware => {
    const purge = route.config.cache ? (route.config.cache.purge ?? []) : []
    checkTags(purge, route.path, where)
    return async function responseCachePurge(ctx, next) {
      const response = await next()
      if (response.status < 200 || response.status >= 300) return response
      const tags = [...new Set([...fillTags(purge, ctx.params), ...writtenTags(ctx)])]
      if (tags.length) await purgeTags(store.open(ctx.env).namespace('tag'), tags, tagTtl())
      return response
    }
  }

  return {
    name: 'responseCache',
    options: { cache: 'nearest' },
    stages(route): Stage[] {
      const cache = route.config.cache
      const where = `Route ${route.method} ${route.path}`
      if (route.method !== 'GET') return [{ name: 'responseCachePurge', at: 'handler', run: writeStage(route, where) }]
      if (!cache) return []
      return [
        {
          name: 'responseCache',
          at: 'handler',
          run: readStage(route, where),
          // readStage refused a cache without a ttl.
          describe: { ttl: cache.ttl as number } satisfies CacheFacts,
        },
      ]
    },
  }
}

function decorate(response: Response, headers: { status: string }): Response {
  const copy = new Response(response.body, response)
  copy.headers.set('cache-status', headers.status)
  return copy
}

function conditional(
  ctx: RequestContext,
  response: Response,
  etag: string,
  control: string,
  vary: string,
  status: string,
): Response {
  const headers = new Headers(response.headers)
  headers.set('etag', etag)
  headers.set('cache-control', control)
  headers.set('cache-status', status)
  if (vary) headers.set('vary', vary)
  if (notModified(ctx.request.headers.get('if-none-match') ?? undefined, etag)) {
    for (const h of ['content-type', 'content-length']) headers.delete(h)
    return new Response(null, { status: 304, headers })
  }
  return new Response(response.body, { status: response.status, headers })
}
