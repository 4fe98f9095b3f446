import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { defineModel, dto, exclude, include, partial } from '../../../src/core/data'
import { toSnakeCase } from '../../../src/core/data/model'
import { entityTag, notModified, versionsFromIfMatch } from '../../../src/core/http'

const Thing = defineModel({
  table: 'things',
  fields: { id: v.number(), displayName: v.string(), apiSecret: v.string(), ownerUserId: v.number() },
  private: ['apiSecret'],
  generated: ['id'],
})

describe('defineModel and the DTO helpers', () => {
  it('names columns in snake_case and maps them back', () => {
    expect(Thing.columns).toEqual({
      id: 'id',
      displayName: 'display_name',
      apiSecret: 'api_secret',
      ownerUserId: 'owner_user_id',
    })
    expect(Thing.fieldsByColumn.get('owner_user_id')).toBe('ownerUserId')
    expect(toSnakeCase('aBC')).toBe('a_b_c')
  })

  it('leaves private fields out of the public entries, so a read DTO built on them strips them', () => {
    expect(Object.keys(Thing.public)).toEqual(['id', 'displayName', 'ownerUserId'])
    const Read = dto('ThingRead', Thing.public)
    const out = v.parse(Read, { id: 1, displayName: 'x', apiSecret: 'leak', ownerUserId: 2 })
    expect(out).toEqual({ id: 1, displayName: 'x', ownerUserId: 2 })
  })

  it('includes, excludes and makes partial by field name, refusing unknown names', () => {
    expect(Object.keys(include(Thing.fields, ['displayName']))).toEqual(['displayName'])
    expect(Object.keys(exclude(Thing.fields, ['id', 'apiSecret']))).toEqual(['displayName', 'ownerUserId'])
    const Patch = dto('ThingPatch', partial(include(Thing.fields, ['displayName', 'ownerUserId'])))
    expect(v.parse(Patch, {})).toEqual({})
    expect(v.safeParse(Patch, { ownerUserId: 'x' }).success).toBe(false)
    expect(() => include(Thing.fields, ['nope' as 'id'])).toThrow(/unknown field "nope"/)
  })

  it('titles a DTO and carries its examples into metadata', () => {
    const Named = dto('Named', include(Thing.fields, ['id']), { examples: [{ id: 1 }], description: 'd' })
    const actions = Named.pipe.slice(1) as unknown as Record<string, unknown>[]
    expect(actions.find((a) => a.type === 'title')?.title).toBe('Named')
    expect(actions.find((a) => a.type === 'metadata')?.metadata).toEqual({ description: 'd', examples: [{ id: 1 }] })
  })
})

describe('conditional request helpers', () => {
  it('makes strong entity tags', () => {
    expect(entityTag(3)).toBe('"3"')
  })

  it('matches If-None-Match weakly, in lists, and for *', () => {
    expect(notModified('"3"', '"3"')).toBe(true)
    expect(notModified('W/"3"', '"3"')).toBe(true)
    expect(notModified('"1", "3"', '"3"')).toBe(true)
    expect(notModified('*', '"3"')).toBe(true)
    expect(notModified('"4"', '"3"')).toBe(false)
    expect(notModified(undefined, '"3"')).toBe(false)
    expect(notModified('3', '"3"')).toBe(false)
  })

  it('reads If-Match as the versions it allows: strong numeric tags only, * as any', () => {
    expect(versionsFromIfMatch(undefined)).toBeUndefined()
    expect(versionsFromIfMatch('*')).toBeUndefined()
    expect(versionsFromIfMatch('"3"')).toEqual([3])
    expect(versionsFromIfMatch('"3", "5"')).toEqual([3, 5])
    expect(versionsFromIfMatch('W/"3"')).toEqual([])
    expect(versionsFromIfMatch('"abc", garbage')).toEqual([])
  })
})
