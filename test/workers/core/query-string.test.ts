import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HttpError } from '../../../src/core'
import { parseQuery } from '../../../src/core/kernel/query-string'

const reference = (url: string) => [...new URL(url).searchParams]
// Characters that stress the decoder: separators, plus, percent with and without hex digits, non-ASCII.
const queryChar = fc.constantFrom(
  'a',
  'b',
  'Z',
  '0',
  '9',
  'F',
  'e',
  '=',
  '&',
  '+',
  '%',
  '%2',
  '%41',
  '%C3%A9',
  '%E0%A4',
  '%ZZ',
  'é',
  '✓',
  '🙂',
  ' ',
  '/',
  '?',
  ';',
)

describe('parseQuery, the hand-written query parser', () => {
  it('parses exactly as URL.searchParams does, for any mix of separators, plus signs and percent-encoding', () => {
    fc.assert(
      fc.property(fc.array(queryChar, { maxLength: 30 }), (chars) => {
        // The runtime hands a handler the URL as a Request serializes it.
        const url = new Request(`https://api.test/p?${chars.join('')}`).url
        expect(parseQuery(url)).toEqual(reference(url))
      }),
      { numRuns: 500 },
    )
  })

  it('keeps repeated keys in order and decodes names and values', () => {
    expect(parseQuery('https://api.test/p?tag=a&tag=b&na%6De=J%C3%BCrgen+M&flag')).toEqual([
      ['tag', 'a'],
      ['tag', 'b'],
      ['name', 'Jürgen M'],
      ['flag', ''],
    ])
  })

  it('returns nothing without a query, and ignores a fragment', () => {
    expect(parseQuery('https://api.test/p')).toEqual([])
    expect(parseQuery('https://api.test/p?')).toEqual([])
    expect(parseQuery('https://api.test/p?a=1#b=2')).toEqual([['a', '1']])
  })
})

describe('expected errors', () => {
  it('skips the stack trace of an HttpError and leaves other errors their stacks', () => {
    const expected = new HttpError(404, { detail: 'gone' })
    const unexpected = new Error('bug')
    expect(expected.stack?.split('\n').filter((line) => line.trim().startsWith('at '))).toEqual([])
    expect(unexpected.stack?.split('\n').some((line) => line.trim().startsWith('at '))).toBe(true)
  })
})
