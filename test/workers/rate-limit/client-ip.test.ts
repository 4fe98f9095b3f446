import { describe, expect, it } from 'vitest'
import { clientIp } from '../../../src/core/rate-limit'
import { apiClient } from '../kit'

const ip = (headers: Record<string, string>) => clientIp({ request: new Request('https://api.test/', { headers }) })
const of = (address: string) => ip({ 'cf-connecting-ip': address })

const malformed = [
  '1::2:3:4:5:6:7:8:9:10',
  '::::',
  ':::',
  '1:2:3:4:5:6:7:8:9',
  '1:2:3:4:5:6:7',
  '1::2::3',
  '12345::1',
  'g::1',
  '1.2.3.4.5',
  '1.2.3',
  '256.1.1.1',
  '01.2.3.4',
  '1.2.3.-4',
  '::ffff:1.2.3.256',
  '1.2.3.4::',
  'fe80::1%',
  '1'.repeat(300),
  `${'1:'.repeat(150)}1`,
  'not an address',
  '203.0.113.7, 10.0.0.1',
]

describe('clientIp', () => {
  it('takes CF-Connecting-IP and never X-Forwarded-For', () => {
    expect(ip({ 'cf-connecting-ip': '203.0.113.7', 'x-forwarded-for': '10.0.0.1' })).toBe('203.0.113.7')
    expect(ip({ 'x-forwarded-for': '10.0.0.1' })).toBe('unknown')
  })

  it('groups IPv6 addresses by their /64, however they are written', () => {
    expect(of('2001:db8:0:1::42')).toBe('2001:db8:0:1::/64')
    expect(of('2001:0DB8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64')
    expect(of('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(of('::')).toBe('0:0:0:0::/64')
    expect(of('2001:db8:0:1:2:3:4::')).toBe('2001:db8:0:1::/64')
    expect(of('fe80::1%eth0')).toBe(of('fe80::1'))
    expect(of('2001:db8:0:1::192.0.2.1')).toBe('2001:db8:0:1::/64')
  })

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(of('::ffff:192.0.2.1')).toBe('192.0.2.1')
    expect(of('::FFFF:c000:0201')).toBe('192.0.2.1')
    expect(of('0:0:0:0:0:ffff:192.0.2.1')).toBe('192.0.2.1')
  })

  it('treats every malformed address as the one "unknown" client instead of throwing', () => {
    for (const address of malformed) expect(of(address), address.slice(0, 40)).toBe('unknown')
  })

  it('keeps every rate-limited route up for a client sending a malformed CF-Connecting-IP', async () => {
    for (const address of malformed) {
      const res = await apiClient().fetch('/greet?name=Ann', { headers: { 'cf-connecting-ip': address } })
      expect(res.status, address.slice(0, 40)).toBe(200)
      expect(res.headers.get('ratelimit-policy')).toContain('"default"')
    }
  })
})
