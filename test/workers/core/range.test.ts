import { describe, expect, it } from 'vitest'
import { contentDisposition, parseRange } from '../../../src/core/http'

describe('parseRange', () => {
  it('resolves single byte ranges against the size', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ offset: 0, length: 10 })
    expect(parseRange('bytes=90-', 100)).toEqual({ offset: 90, length: 10 })
    expect(parseRange('bytes=-10', 100)).toEqual({ offset: 90, length: 10 })
    expect(parseRange('bytes=-500', 100)).toEqual({ offset: 0, length: 100 })
    expect(parseRange('bytes=95-200', 100)).toEqual({ offset: 95, length: 5 })
  })

  it('ignores what it cannot serve as one range, and reports ranges past the end', () => {
    for (const h of [null, 'bytes=1-2,5-6', 'items=0-1', 'bytes=5-1', 'bytes=-', 'bytes=a-b'])
      expect(parseRange(h, 100), String(h)).toBeUndefined()
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable')
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable')
  })

  it('finds every range of an empty representation unsatisfiable, suffix ranges included', () => {
    for (const h of ['bytes=-5', 'bytes=-1', 'bytes=0-', 'bytes=0-0', 'bytes=-0'])
      expect(parseRange(h, 0), h).toBe('unsatisfiable')
    expect(parseRange(null, 0)).toBeUndefined()
  })
})

describe('contentDisposition', () => {
  it('sends ASCII names as they are and others with filename*', () => {
    expect(contentDisposition('report.pdf')).toBe('attachment; filename="report.pdf"')
    expect(contentDisposition('日本.txt', 'inline')).toBe(
      `inline; filename="__.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`,
    )
    expect(contentDisposition("it's (1).txt")).toBe('attachment; filename="it\'s (1).txt"')
  })
})
