import { describe, expect, it } from 'vitest'
import { clientIp } from '../../../src/core/rate-limit'

const ip = (headers: Record<string, string>) => clientIp({ request: new Request('https://api.test/', { headers }) })

describe('clientIp', () => {
  it('takes CF-Connecting-IP and never X-Forwarded-For', () => {
    expect(ip({ 'cf-connecting-ip': '203.0.113.7', 'x-forwarded-for': '10.0.0.1' })).toBe('203.0.113.7')
    expect(ip({ 'x-forwarded-for': '10.0.0.1' })).toBe('unknown')
  })

  it('groups IPv6 addresses by their /64, however they are written', () => {
    expect(ip({ 'cf-connecting-ip': '2001:db8:0:1::42' })).toBe('2001:db8:0:1::/64')
    expect(ip({ 'cf-connecting-ip': '2001:0DB8:0000:0001:ffff:1:2:3' })).toBe('2001:db8:0:1::/64')
    expect(ip({ 'cf-connecting-ip': '2001:db8::1' })).toBe('2001:db8:0:0::/64')
  })
})
