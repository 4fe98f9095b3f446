import type { RequestContext } from '../context'

const expand = (ip: string): string[] => {
  const [head = '', tail = ''] = ip.split('::')
  const left = head ? head.split(':') : []
  const right = ip.includes('::') && tail ? tail.split(':') : []
  const fill = ip.includes('::') ? Array(8 - left.length - right.length).fill('0') : []
  return [...left, ...fill, ...right]
}

/**
 * The client's address as Cloudflare saw it (`CF-Connecting-IP`; `X-Forwarded-For` is client-controlled and
 * ignored). IPv6 clients are grouped by /64, the block one subscriber usually holds.
 * @example const ip = clientIp(ctx) // '203.0.113.7', or '2001:db8:0:1::/64'
 */
export function clientIp(ctx: Pick<RequestContext, 'request'>): string {
  const ip = ctx.request.headers.get('cf-connecting-ip')?.trim()
  if (!ip) return 'unknown'
  if (!ip.includes(':')) return ip
  const groups = expand(ip.toLowerCase())
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
  return `${groups.join(':')}::/64`
}
