/** An address parsed from its text: IPv4 as four octets, IPv6 as eight 16-bit groups. */
export type ParsedIp =
  | { readonly version: 4; readonly octets: number[] }
  | { readonly version: 6; readonly groups: number[] }

// RFC 3986's dec-octet: 0-255 without leading zeros, so `010.0.0.1` is not read two ways (octal or decimal).
const OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/
const GROUP = /^[0-9a-f]{1,4}$/i
// Longer than any spelling of an address with a zone id that a proxy could send: refuse before splitting.
const MAX_LENGTH = 64

const ipv4 = (text: string): number[] | undefined => {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined
  return parts.map(Number)
}

const groupsOf = (text: string): number[] | undefined => {
  if (text === '') return []
  const parts = text.split(':')
  if (!parts.every((p) => GROUP.test(p))) return undefined
  return parts.map((p) => Number.parseInt(p, 16))
}

const ipv6 = (text: string): number[] | undefined => {
  // A zone id (`fe80::1%eth0`) names the sender's interface, not another host: the address is the same.
  const zone = text.indexOf('%')
  let rest = zone === -1 ? text : text.slice(0, zone)
  if (zone !== -1 && zone === text.length - 1) return undefined
  // An embedded IPv4 tail (`::ffff:192.0.2.1`) stands for the last two groups.
  let tail: number[] = []
  const lastColon = rest.lastIndexOf(':')
  if (rest.includes('.', lastColon)) {
    const v4 = ipv4(rest.slice(lastColon + 1))
    if (!v4) return undefined
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!]
    rest = `${rest.slice(0, lastColon + 1)}0:0`
  }
  const halves = rest.split('::')
  if (halves.length > 2) return undefined
  const head = groupsOf(halves[0]!)
  const last = halves.length === 2 ? groupsOf(halves[1]!) : []
  if (!head || !last) return undefined
  const known = head.length + last.length
  // Without `::` there must be exactly eight groups; with it, it must stand for at least one.
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined
  const groups = [...head, ...Array<number>(8 - known).fill(0), ...last]
  if (tail.length) groups.splice(6, 2, ...tail)
  return groups
}

/**
 * Parses an IPv4 or IPv6 address strictly (RFC 4291 text forms, embedded IPv4 and zone ids accepted);
 * undefined for anything else, so a malformed header can never be mistaken for an address.
 * @example parseIp('::ffff:192.0.2.1') // { version: 6, groups: [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201] }
 */
export function parseIp(text: string): ParsedIp | undefined {
  if (text.length === 0 || text.length > MAX_LENGTH) return undefined
  if (!text.includes(':')) {
    const octets = ipv4(text)
    return octets && { version: 4, octets }
  }
  const groups = ipv6(text)
  return groups && { version: 6, groups }
}
