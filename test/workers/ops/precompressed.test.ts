import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp, get } from '../../../src/core'
import { acceptsEncoding, precompressed } from '../../../src/core/http'
import { testClient } from '../../../src/core/testing'

const json = JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ id: i, name: `item ${i}` })) })
const gzipped = async () =>
  new Uint8Array(await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer())

const app = createApp({
  handlers: [
    get('/stored', async ({ request }) =>
      precompressed(request, await gzipped(), 'gzip', { headers: { 'content-type': 'application/json' } }),
    ),
  ],
})

describe('already-compressed bodies', () => {
  it('go out as stored, gzip bytes untouched, to a client that accepts gzip', async () => {
    const res = await testClient(app, { env }).fetch('/stored', { headers: { 'accept-encoding': 'br, gzip' } })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('vary')).toContain('Accept-Encoding')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b])
    expect(bytes.byteLength).toBeLessThan(json.length)
  })

  it('are decompressed for a client that does not accept the encoding', async () => {
    for (const accept of [undefined, 'br', 'gzip;q=0, br']) {
      const res = await testClient(app, { env }).fetch(
        '/stored',
        accept ? { headers: { 'accept-encoding': accept } } : {},
      )
      expect(res.headers.get('content-encoding')).toBeNull()
      expect(await res.text()).toBe(json)
    }
  })

  it('read Accept-Encoding with q-values and the wildcard', () => {
    expect(acceptsEncoding('gzip, deflate', 'gzip')).toBe(true)
    expect(acceptsEncoding('GZIP;q=0.5', 'gzip')).toBe(true)
    expect(acceptsEncoding('gzip;q=0', 'gzip')).toBe(false)
    expect(acceptsEncoding('*', 'gzip')).toBe(true)
    expect(acceptsEncoding('*;q=0', 'gzip')).toBe(false)
    expect(acceptsEncoding('br', 'gzip')).toBe(false)
    expect(acceptsEncoding(null, 'gzip')).toBe(false)
  })
})
