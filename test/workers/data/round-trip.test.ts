import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp, dependency, get, post, provide, router, validation } from '../../../src/core'
import {
  defineModel,
  dto,
  include,
  inputDto,
  listEndpoint,
  pageOf,
  partial,
  Repository,
  type Where,
} from '../../../src/core/data'
import { generateDocument } from '../../../src/core/openapi'
import { testClient } from '../../../src/core/testing'

// Every kind of field defineModel stores, in one table: what goes in must come back equal.
const Sample = defineModel({
  table: 'samples',
  fields: {
    id: v.pipe(v.number(), v.safeInteger()),
    flag: v.boolean(),
    count: v.pipe(v.number(), v.safeInteger()),
    ratio: v.number(),
    label: v.string(),
    color: v.picklist(['red', 'green', 'blue']),
    at: v.pipe(v.string(), v.isoTimestamp()),
    day: v.pipe(v.string(), v.isoDate()),
    note: v.nullable(v.string()),
    level: v.optional(v.pipe(v.number(), v.integer()), 3),
    tags: v.array(v.string()),
    meta: v.object({ score: v.number(), on: v.boolean(), when: v.nullable(v.string()) }),
    archived: v.boolean(),
  },
  generated: ['id'],
  defaults: { archived: false },
})
type SampleRow = v.InferOutput<typeof Sample.schema>

const Samples = dependency<Repository<typeof Sample>>('samples')
const SampleRead = dto('SampleRead', Sample.fields)
const SampleCreate = inputDto('SampleCreate', Sample.insert)
const list = listEndpoint(Sample, {
  filter: {
    flag: ['eq'],
    archived: ['eq'],
    count: ['eq', 'gte', 'lte'],
    ratio: ['eq'],
    label: ['eq'],
    color: ['in'],
    at: ['gte', 'lte'],
    day: ['eq'],
    note: ['eq'],
    level: ['eq'],
  },
  sort: { fields: ['id', 'flag', 'at'] },
  page: 'offset',
})
const listSamples = get(
  '/',
  { query: list.query, inject: { samples: Samples }, response: pageOf('SamplePage', SampleRead) },
  ({ query, deps }) => list.run(deps.samples, query),
)
const addSample = post(
  '/',
  { body: SampleCreate, inject: { samples: Samples }, response: SampleRead },
  ({ body, deps }) => deps.samples.add(body),
)
const app = createApp({
  plugins: [validation()],
  handlers: [
    router({
      path: '/samples',
      dependencies: [provide(Samples, ({ env }) => new Repository(env.DB, Sample))],
      handlers: [listSamples, addSample],
    }),
  ],
})
const client = testClient(app, { env })

beforeAll(async () => {
  await env.DB.exec(
    'CREATE TABLE samples (id INTEGER PRIMARY KEY AUTOINCREMENT, flag INTEGER NOT NULL, count INTEGER NOT NULL, ratio REAL NOT NULL, label TEXT NOT NULL, color TEXT NOT NULL, at TEXT NOT NULL, day TEXT NOT NULL, note TEXT, level INTEGER, tags TEXT NOT NULL, meta TEXT NOT NULL, archived INTEGER NOT NULL)',
  )
})

// Text as clients send it: any well-formed Unicode, and ASCII control characters.
const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary-ascii' }))
// JSON has no -0, NaN or Infinity: a number a response can carry.
const real = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x))
const instant = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
})
const sample = fc.record(
  {
    flag: fc.boolean(),
    count: fc.maxSafeInteger(),
    ratio: real,
    label: text,
    color: fc.constantFrom('red' as const, 'green' as const, 'blue' as const),
    at: instant.map((d) => d.toISOString()),
    day: instant.map((d) => d.toISOString().slice(0, 10)),
    note: fc.option(text, { nil: null }),
    level: fc.option(fc.integer(), { nil: undefined }),
    tags: fc.array(text, { maxLength: 4 }),
    meta: fc.record({ score: real, on: fc.boolean(), when: fc.option(text, { nil: null }) }),
    archived: fc.option(fc.boolean(), { nil: undefined }),
  },
  { requiredKeys: ['flag', 'count', 'ratio', 'label', 'color', 'at', 'day', 'note', 'tags', 'meta'] },
)
type Sampled = typeof sample extends fc.Arbitrary<infer T> ? T : never

const expected = (s: Sampled) => ({ ...s, level: s.level ?? 3, archived: s.archived ?? false })
const repo = () => new Repository(env.DB, Sample)

describe('every field type defineModel takes comes back from D1 as it went in', () => {
  it('through the repository: add, get and list with filters on every column', async () => {
    await fc.assert(
      fc.asyncProperty(sample, async (s) => {
        const row = await repo().add(s)
        expect(row).toEqual({ id: row.id, ...expected(s) })
        expect(typeof row.flag).toBe('boolean')
        expect(await repo().get(row.id)).toEqual(row)
        const where = { ...expected(s), id: row.id } as Partial<SampleRow>
        const { items } = await repo().list({ where })
        expect(items).toEqual([row])
      }),
      { numRuns: 40 },
    )
  })

  it('through the HTTP pipeline: a JSON body in, the list filters as query strings out', async () => {
    await fc.assert(
      fc.asyncProperty(sample, async (s) => {
        const created = await client.call(addSample, { body: s })
        expect(created.status).toBe(201)
        const row = created.data!
        expect(row).toEqual({ id: row.id, ...expected(s) })
        const e = expected(s)
        const query = {
          flag: e.flag,
          archived: e.archived,
          count: e.count,
          'count[gte]': e.count,
          'count[lte]': e.count,
          ratio: e.ratio,
          label: e.label,
          'color[in]': [e.color],
          'at[gte]': e.at,
          'at[lte]': e.at,
          day: e.day,
          level: e.level,
          ...(e.note === null ? {} : { note: e.note }),
          per_page: 100,
        }
        const page = await client.call(listSamples, { query })
        expect(page.status).toBe(200)
        expect(page.data!.items).toContainEqual(row)
        for (const item of page.data!.items) expect(item.flag).toBe(e.flag)
      }),
      { numRuns: 25 },
    )
  })

  it('stores a timestamp as UTC text, so an offset names the same instant and text order is time order', async () => {
    const row = await repo().add({ ...expected(fc.sample(sample, 1)[0]!), at: '2024-05-01T12:00:00+02:00' })
    expect(row.at).toBe('2024-05-01T10:00:00.000Z')
    const found = await repo().list({
      where: { id: row.id, at: { gte: '2024-05-01T11:59:00+01:59', lte: '2024-05-01T10:00:00Z' } },
    })
    expect(found.items.map((r) => r.id)).toEqual([row.id])
  })

  it('matches a JSON field whole, or by a condition whose values are encoded as the column holds them', async () => {
    const base = expected(fc.sample(sample, 1)[0]!)
    const row = await repo().add({ ...base, label: 'json-where', tags: ['a', 'b'], flag: false })
    const ids = async (where: Where<SampleRow>) =>
      (await repo().find({ where: { label: 'json-where', ...where } })).map((r) => r.id)
    expect(await ids({ tags: ['a', 'b'] })).toEqual([row.id])
    expect(await ids({ tags: ['b', 'a'] })).toEqual([])
    expect(await ids({ tags: { in: [['x'], ['a', 'b']] } })).toEqual([row.id])
    expect(await ids({ tags: { eq: ['a'] } })).toEqual([])
    expect(await ids({ meta: { eq: base.meta } })).toEqual([row.id])
    expect(await ids({ flag: { in: [false] } })).toEqual([row.id])
    expect(await ids({ flag: true })).toEqual([])
  })

  it('sorts and pages by a boolean, encoding the cursor value as the column holds it', async () => {
    const { items } = await repo().list({ where: { label: 'sort-me' } })
    expect(items).toEqual([])
    for (const flag of [true, false, true])
      await repo().add({ ...expected(fc.sample(sample, 1)[0]!), label: 'sort-me', flag })
    const asc = await repo().find({ where: { label: 'sort-me' }, orderBy: 'flag' })
    expect(asc.map((r) => r.flag)).toEqual([false, true, true])
    const after = await repo().find({
      where: { label: 'sort-me' },
      orderBy: 'flag',
      after: { value: false, key: asc[0]!.id },
    })
    expect(after.map((r) => r.flag)).toEqual([true, true])
  })
})

describe("a model's defaults reach the input DTOs built on its insert entries", () => {
  it('validation fills them and the document shows them, not as required', () => {
    const out = v.parse(SampleCreate, { ...fc.sample(sample, 1)[0]!, level: undefined, archived: undefined })
    expect(out).toMatchObject({ level: 3, archived: false })
    const doc = generateDocument(app, { title: 'Samples', version: '1' }) as {
      components: { schemas: Record<string, { required: string[]; properties: Record<string, { default?: unknown }> }> }
    }
    const create = doc.components.schemas.SampleCreateInput!
    expect(create.properties.archived!.default).toBe(false)
    expect(create.properties.level!.default).toBe(3)
    expect(create.required).not.toContain('archived')
    expect(create.required).toContain('flag')
    expect(Object.keys(Sample.insert)).not.toContain('id')
  })

  it("reach an input DTO built on the model's own fields too, fresh per request, and never a response DTO", () => {
    const Create = inputDto('SampleFields', include(Sample.fields, ['flag', 'archived', 'tags']))
    expect(v.parse(Create, { flag: true, tags: [] })).toEqual({ flag: true, archived: false, tags: [] })
    expect(v.safeParse(Create, {}).success).toBe(false)
    expect(v.parse(dto('SampleOut', include(Sample.fields, ['archived'])), { archived: true })).toEqual({
      archived: true,
    })
    expect(v.safeParse(dto('SampleOut', include(Sample.fields, ['archived'])), {}).success).toBe(false)
    // An array default is a fresh copy each time: a handler that changes it changes no later request's.
    const tags = v.array(v.string())
    const Tagged = defineModel({ table: 'tagged', fields: { id: v.number(), tags }, defaults: { tags: ['new'] } })
    const first = v.parse(inputDto('TaggedCreate', include(Tagged.fields, ['tags'])), {})
    first.tags.push('changed')
    expect(v.parse(inputDto('TaggedCreate', include(Tagged.fields, ['tags'])), {})).toEqual({ tags: ['new'] })
    // One schema two models default differently has no default of its own: each model's insert entries keep theirs.
    const Other = defineModel({ table: 'other', fields: { id: v.number(), tags }, defaults: { tags: ['old'] } })
    expect(v.safeParse(inputDto('Shared', include(Other.fields, ['tags'])), {}).success).toBe(false)
    expect(v.parse(inputDto('OtherCreate', include(Other.insert, ['tags'])), {})).toEqual({ tags: ['old'] })
  })

  it('a partial (patch) DTO built on them leaves a missing field out instead of resetting it', () => {
    const Patch = inputDto('SamplePatch', partial(include(Sample.insert, ['archived', 'level'])))
    expect(v.parse(Patch, {})).toEqual({})
  })
})

describe('defineModel refuses a field D1 cannot hold, naming it', () => {
  const refuse = (field: v.GenericSchema) => () => defineModel({ table: 't', fields: { id: v.number(), odd: field } })
  it.each([
    ['a function', v.function()],
    ['a map', v.map(v.string(), v.number())],
    ['a set', v.set(v.string())],
    ['a Date object', v.date()],
    ['a bigint', v.bigint()],
    ['a union of text and a boolean', v.union([v.string(), v.boolean()])],
    ['a union of a number and an object', v.union([v.number(), v.object({ a: v.number() })])],
    ['a pipe that changes the type', v.pipe(v.string(), v.toNumber())],
    ['an unknown value', v.unknown()],
  ])('%s', (_, schema) => {
    expect(refuse(schema)).toThrow(/defineModel\(t\): field "odd" cannot be stored in D1/)
  })

  it('accepts unions of one kind, and points a Date at ISO text', () => {
    expect(refuse(v.union([v.literal('a'), v.literal(2)]))).not.toThrow()
    expect(refuse(v.variant('k', [v.object({ k: v.literal('a') }), v.object({ k: v.literal('b') })]))).not.toThrow()
    expect(refuse(v.date())).toThrow(/v\.isoTimestamp\(\)/)
  })

  it('refuses options naming unknown fields and defaults that fail their schema', () => {
    expect(() => defineModel({ table: 't', fields: { id: v.number() }, generated: ['nope' as 'id'] })).toThrow(/"nope"/)
    expect(() =>
      defineModel({ table: 't', fields: { id: v.number(), n: v.number() }, defaults: { n: 'x' as never } }),
    ).toThrow(/default of "n"/)
  })
})

describe('filter values a client can send in a query string', () => {
  it('refuses what is not the field type with a 400 naming the parameter, and never answers 500', async () => {
    for (const [query, name] of [
      ['flag=TRUE', 'flag'],
      ['flag=2', 'flag'],
      ['count=1.5', 'count'],
      ['count=1e400', 'count'],
      ['at[gte]=yesterday', 'at[gte]'],
      ['day=2024-02-30x', 'day'],
      ['color[in]=purple', 'color[in]'],
    ]) {
      const res = await client.fetch(`/samples?${query}`)
      expect(res.status, query).toBe(400)
      expect(JSON.stringify(await res.json()), query).toContain(name)
    }
    for (const query of [
      'ratio=1e400',
      'ratio=-1e400',
      'at[lte]=9999-12-31T23:59:59.999%2B14:00',
      'label=%00',
      'flag=1',
    ]) {
      const res = await client.fetch(`/samples?${query}`)
      expect(res.status, query).toBeLessThan(500)
    }
  })
})
