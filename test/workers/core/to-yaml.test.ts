import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import document from '../../../schema/openapi.json'
import { toYaml } from '../../../src/core/openapi'

describe('toYaml', () => {
  it('writes the OpenAPI document as YAML that reads back to the same document', () => {
    expect(parse(toYaml(document))).toEqual(document)
  })

  it('round-trips any JSON object, whatever its keys and strings look like', () => {
    const tricky = fc.constantFrom(
      '',
      'yes',
      'No',
      'null',
      '~',
      '- a',
      '#x',
      'a: b',
      '1e3',
      '0x1F',
      ' lead',
      '"q"',
      '\n',
      '\u2028',
      '{}',
      '[]',
    )
    const key = fc.oneof(fc.string(), tricky)
    const leaf = fc.oneof(
      fc.string(),
      tricky,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
      fc.constant(null),
    )
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), tie('object')),
      object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    })).object
    fc.assert(
      fc.property(json, (value) => {
        expect(parse(toYaml(value as never))).toEqual(value)
      }),
      { numRuns: 500 },
    )
  })
})
