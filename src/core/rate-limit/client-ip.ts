import type { RequestContext } from '../kernel/context'
import { parseIp } from './parse-ip'

/**
 * The client's address as Cloudflare saw it (`CF-Connecting-IP`; `X-Forwarded-For` is client-controlled and
 * ignored), in one canonical spelling. IPv6 clients are grouped by /64, the block one subscriber usually
 * holds; IPv4-mapped IPv6 addresses count as their IPv4 address. A missing or unparseable value is one
 * client, `'unknown'`: only a misconfigured proxy sends one, and it must not take the route down.
 * @example const ip = clientIp(ctx) // '203.0.113.7', or '2001:db8:0:1::/64'
 */
export function clientIp(ctx: Pick<RequestContext, 'request'>): string {
  const ip = parseIp(ctx.request.headers.get('cf-connecting-ip')?.trim() ?? '')
  if (!ip) return 'unknown'
  if (ip.version === 4) return ip.octets.join('.')
  const g = ip.groups
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff)
    return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join('.')
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`
}
