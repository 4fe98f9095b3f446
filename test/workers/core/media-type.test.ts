import { describe, expect, it } from 'vitest'
import { parseMediaType } from '../../../src/core/kernel/media-type'

describe('parseMediaType (RFC 9110 §8.3.1)', () => {
  it('lower-cases type, subtype and parameter names, and unquotes values', () => {
    const m = parseMediaType('Application/JSON ; Charset="UTF-8"; profile="a \\"b\\""')
    expect(m?.essence).toBe('application/json')
    expect(Object.fromEntries(m!.params)).toEqual({ charset: 'UTF-8', profile: 'a "b"' })
  })

  it('accepts empty parameters and whitespace the grammar allows', () => {
    expect(parseMediaType('text/plain;')?.essence).toBe('text/plain')
    expect(parseMediaType('text/plain ;; charset=utf-8')?.params.get('charset')).toBe('utf-8')
  })

  it('refuses what is malformed, and a parameter given twice', () => {
    for (const bad of [
      '',
      'json',
      'application/',
      '/json',
      'a b/c',
      'text/plain; charset',
      'text/plain; =x',
      'text/plain; charset="open',
      'text/plain; charset=utf-8; CHARSET=latin1',
    ])
      expect(parseMediaType(bad), bad).toBeUndefined()
  })
})
