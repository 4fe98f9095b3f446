import type { Case } from './case'
import type { Operation } from './operations'

// Headers and query noise no operation reads: each must leave the answer exactly as it was.
const noise: [string, Record<string, string>, string][] = [
  ['garbage If-None-Match', { 'if-none-match': 'garbage, W/, ""' }, ''],
  ['If-None-Match of 4 KB', { 'if-none-match': `"${'x'.repeat(4096)}"` }, ''],
  ['garbage If-Modified-Since', { 'if-modified-since': 'yesterday' }, ''],
  ['garbage Accept', { accept: 'garbage;q=abc, */*;q=' }, ''],
  ['Accept of 4 KB', { accept: 'a/b,'.repeat(1024) }, ''],
  ['garbage Accept-Encoding', { 'accept-encoding': 'gzip;q=x, ;;, br' }, ''],
  ['a cookie of invalid percent-encoding', { cookie: 'a=%FF%FE; b=%; =c' }, ''],
  ['a Range on a JSON resource', { range: 'bytes=garbage' }, ''],
  ['an unknown query key with a NUL byte', {}, 'x-unknown=a%00b'],
  ['an unknown query key of invalid UTF-8', {}, '%FF%FE=%C3%28'],
]

/**
 * Noise on a valid GET of the operation: answered exactly like the same GET without it. Only for GETs, whose
 * valid request can be sent twice without changing anything.
 */
export function harmlessCases(op: Operation, url: string, init: () => RequestInit): Case[] {
  if (op.method !== 'GET') return []
  const known = new Set(op.parameters.map((p) => p.name.toLowerCase()))
  return noise
    .filter(([, headers]) => Object.keys(headers).every((h) => !known.has(h)))
    .map(([label, headers, query]) => {
      const base = init()
      const all = new Headers(base.headers)
      for (const [k, v] of Object.entries(headers)) all.set(k, v)
      const target = query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url
      return {
        label: `ignored: ${label}`,
        url: target,
        init: { ...base, headers: all },
        like: { url, init: init() },
        valid: true as const,
      }
    })
}
